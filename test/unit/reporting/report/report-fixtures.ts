// Test fixtures: a full weekly report around given day figures, with empty or given details.
import { compareWeeks, type WeekDetails } from '../../../../reporting/report/week-details';
import type { FullWeeklyReport } from '../../../../reporting/report/weekly-report-builder';
import type { WeeklySentiment } from '../../../../reporting/report/weekly-sentiment';
import type { Locale } from '../../../../reporting/i18n/locale';

export function fullReport(
  current: WeeklySentiment,
  previous: WeeklySentiment,
  details: Partial<WeekDetails> = {},
  locale: Locale = 'en',
): FullWeeklyReport {
  return {
    locale,
    current,
    previous,
    details: {
      comparison: compareWeeks(current, previous),
      terms: [],
      risingTerms: [],
      examples: { negative: [], positive: [] },
      bySource: [],
      byLanguage: [],
      alerts: [],
      dashboardUrl: undefined,
      ...details,
    },
  };
}
