// Makes the filtered stream's rules hold exactly `#<tag>` under our own rule tag, touching no other application's rules.
import type { Logger } from '../../common/logger';
import { RULES_PATH, type XApi } from './x-api';

/** The rule tag that marks rules as this collector's; rules with other tags belong to someone else. */
export const COLLECTOR_RULE_TAG = 'kinesis-sentiment-collector';

interface Rule {
  readonly id: string;
  readonly value: string;
  readonly tag?: string;
}

export interface RulesOutcome {
  readonly added: boolean;
  readonly deleted: number;
  /** Our rule's id (from the listing, or from X's answer to the add); matching_rules name it. */
  readonly ruleId?: string;
}

/** Lists the rules, deletes our stale ones (our tag, another value), adds `#<hashtag>` unless it is already there. */
export async function syncStreamRules(
  api: XApi,
  hashtag: string,
  logger: Logger,
  ruleTag = COLLECTOR_RULE_TAG,
): Promise<RulesOutcome> {
  const value = `#${hashtag}`;
  const listed = await api.json('GET', RULES_PATH);
  const rules = readRules(listed);
  const ours = rules.filter((rule) => rule.tag === ruleTag);
  const stale = ours.filter((rule) => rule.value !== value);
  if (stale.length > 0) {
    await api.json('POST', RULES_PATH, { delete: { ids: stale.map((rule) => rule.id) } });
    logger.info('deleted stale stream rules', { count: stale.length, values: stale.map((rule) => rule.value) });
  }
  const present = ours.find((rule) => rule.value === value);
  if (present !== undefined) return { added: false, deleted: stale.length, ruleId: present.id };
  const answer = await api.json('POST', RULES_PATH, { add: [{ value, tag: ruleTag }] });
  const ruleId = readRules(answer).find((rule) => rule.value === value)?.id;
  logger.info('added stream rule', { value, tag: ruleTag, ruleId });
  return { added: true, deleted: stale.length, ...(ruleId === undefined ? {} : { ruleId }) };
}

function readRules(body: unknown): Rule[] {
  if (typeof body !== 'object' || body === null) return [];
  const data = (body as { data?: unknown }).data;
  if (!Array.isArray(data)) return [];
  return data.filter(
    (rule): rule is Rule =>
      typeof rule === 'object' &&
      rule !== null &&
      typeof (rule as Rule).id === 'string' &&
      typeof (rule as Rule).value === 'string',
  );
}
