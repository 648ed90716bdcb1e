// Deterministic sample vehicle telematics around Madrid, as JSON or as the legacy line "record_id timestamp vin lat lon speed".
import { SeededRandom } from './seeded-random';

export interface SampleVehicleReading {
  readonly record_id: string;
  readonly timestamp: string;
  readonly vin: string;
  readonly lat: number;
  readonly lon: number;
  readonly speed: number;
}

interface Vehicle {
  readonly vin: string;
  lat: number;
  lon: number;
  speed: number;
}

const VIN_CHARS = 'ABCDEFGHJKLMNPRSTUVWXYZ0123456789';
const MADRID = { lat: 40.4168, lon: -3.7038 };

export class VehicleSample {
  private readonly random: SeededRandom;
  private readonly fleet: Vehicle[];
  private sequence = 0;

  public constructor(
    seed = 7,
    fleetSize = 50,
    private clockMs = Date.UTC(2025, 0, 15, 8, 0, 0),
  ) {
    this.random = new SeededRandom(seed);
    this.fleet = Array.from({ length: fleetSize }, () => ({
      vin: Array.from({ length: 17 }, () => this.random.pick([...VIN_CHARS])).join(''),
      lat: MADRID.lat + (this.random.next() - 0.5) * 0.1,
      lon: MADRID.lon + (this.random.next() - 0.5) * 0.1,
      speed: this.random.int(0, 60),
    }));
  }

  public next(): SampleVehicleReading {
    const r = this.random;
    const vehicle = r.pick(this.fleet);
    vehicle.speed = Math.max(0, Math.min(130, vehicle.speed + r.int(-8, 8)));
    vehicle.lat += (r.next() - 0.5) * 0.0005 * (vehicle.speed / 30);
    vehicle.lon += (r.next() - 0.5) * 0.0005 * (vehicle.speed / 30);
    this.clockMs += r.int(0, 500);
    this.sequence += 1;
    return {
      record_id: `rec-${String(this.sequence).padStart(9, '0')}`,
      timestamp: new Date(this.clockMs).toISOString(),
      vin: vehicle.vin,
      lat: round(vehicle.lat, 6),
      lon: round(vehicle.lon, 6),
      speed: round(vehicle.speed, 1),
    };
  }
}

/** The legacy whitespace-separated form the consumer also accepts. */
export function toLegacyLine(reading: SampleVehicleReading): string {
  return `${reading.record_id} ${reading.timestamp} ${reading.vin} ${reading.lat} ${reading.lon} ${reading.speed}`;
}

function round(value: number, digits: number): number {
  const factor = 10 ** digits;
  return Math.round(value * factor) / factor;
}
