/**
 * Demo: a fraud model's training set, built twice from the same history. The
 * nightly "orders in the last 7 days" aggregate is stamped 00:00 but lands at
 * 06:00. The point-in-time join gives each label only what was known at its
 * time; the naive join gives every label today's value, leaking the future.
 */
import { latestValueJoin, OfflineStore, OnlineStore, pointInTimeJoin } from './pointInTimeJoin';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

export function demo(): { pointInTime: (number | null)[]; naive: (number | null)[]; servedNow: number | null; betweenRuns: { served: number | null; joined: number | null } } {
  const store = new OfflineStore();
  store.append([
    { entityId: 'card-7', eventTime: 1 * DAY, availableAt: 1 * DAY + 6 * HOUR, values: { orders7d: 2 } },
    { entityId: 'card-7', eventTime: 3 * DAY, availableAt: 3 * DAY + 6 * HOUR, values: { orders7d: 5 } },
    { entityId: 'card-7', eventTime: 5 * DAY, availableAt: 5 * DAY + 6 * HOUR, values: { orders7d: 9 } },
  ]);
  const labels = [
    { entityId: 'card-7', eventTime: 2 * DAY + 12 * HOUR, label: 0 },
    { entityId: 'card-7', eventTime: 3 * DAY + 3 * HOUR, label: 1 }, // before the day-3 row landed
    { entityId: 'card-7', eventTime: 4 * DAY, label: 1 },
  ];
  const two = (n: number): string => String(Math.floor(n)).padStart(2, '0');
  const day = (t: number): string => `day ${Math.floor(t / DAY)} ${two((t % DAY) / HOUR)}:${two((t % HOUR) / 60_000)}`;

  const correct = pointInTimeJoin(labels, store, ['orders7d']);
  const naive = latestValueJoin(labels, store, ['orders7d']);
  correct.forEach((row, i) => {
    console.log(`label at ${day(row.eventTime)}: point-in-time orders7d = ${row.features.orders7d}, naive join = ${naive[i]!.features.orders7d}`);
  });

  // Serving reads the online store, materialised with the same rule: at day 5 03:00 the day-5 row has not landed.
  const online = new OnlineStore();
  const runAt = 5 * DAY + 3 * HOUR;
  online.materialize(store, runAt, ['orders7d']);
  const servedNow = online.get('card-7', runAt, ['orders7d']).orders7d ?? null;
  console.log(`online store at ${day(runAt)} serves orders7d = ${servedNow}, as the point-in-time join would`);

  // Between runs serving lags: the day-5 row lands offline at 06:00, but the next run is at 07:00.
  const request = 5 * DAY + 6.5 * HOUR;
  const served = online.get('card-7', request, ['orders7d']).orders7d ?? null;
  const joined = pointInTimeJoin([{ entityId: 'card-7', eventTime: request, label: 0 }], store, ['orders7d'])[0]!.features.orders7d ?? null;
  console.log(`at ${day(request)}, before the next run: served ${served}, join ${joined}; stamp availableAt with the run time to train on what was served`);
  return {
    pointInTime: correct.map((r) => r.features.orders7d ?? null),
    naive: naive.map((r) => r.features.orders7d ?? null),
    servedNow,
    betweenRuns: { served, joined },
  };
}
