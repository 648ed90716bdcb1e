// The notification port, and a fan-out that delivers one alert to every configured channel and reports each failure.
import type { NegativeAlert } from './burst-alert';

export interface AlertNotifier {
  readonly name: string;
  /** Resolves once the channel has accepted the alert; rejects with a NotifyError otherwise. */
  notify(alert: NegativeAlert): Promise<void>;
}

export interface DeliveryResult {
  readonly channel: string;
  readonly ok: boolean;
  readonly error?: unknown;
}

/** Tries every channel (one failing must not silence the others) and returns what each did. */
export async function notifyAll(notifiers: readonly AlertNotifier[], alert: NegativeAlert): Promise<DeliveryResult[]> {
  return Promise.all(
    notifiers.map(async (notifier): Promise<DeliveryResult> => {
      try {
        await notifier.notify(alert);
        return { channel: notifier.name, ok: true };
      } catch (error: unknown) {
        return { channel: notifier.name, ok: false, error };
      }
    }),
  );
}
