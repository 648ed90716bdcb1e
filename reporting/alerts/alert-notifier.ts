// The notification port, and a fan-out that delivers one alert to every configured channel and reports each failure.
import type { BurstAlert } from './burst-alert';

export interface AlertNotifier {
  readonly name: string;
  /** Resolves once the channel has accepted the alert; rejects with a NotifyError otherwise. */
  notify(alert: BurstAlert): Promise<void>;
}

export interface DeliveryResult {
  readonly channel: string;
  readonly ok: boolean;
  readonly error?: unknown;
}

/** Tries every channel (one failing must not silence the others) and returns what each did. */
export async function notifyAll(notifiers: readonly AlertNotifier[], alert: BurstAlert): Promise<DeliveryResult[]> {
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
