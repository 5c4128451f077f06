import { exposureOf, type AssetView } from './exposure';
import { rating } from './score';
import { hourly, windowStart } from './timeline';

const NOW = 1_780_000_000;

describe('exposureOf', () => {
  test('counts running containers\' distinct vulnerabilities by severity, and the most exposed', () => {
    const e = exposureOf({
      vulnerabilities: [
        { name: 'a', severity: 'Critical', workloads: ['w1', 'w1', 'w2'], images: ['i1'] },
        { name: 'b', severity: 'high', workloads: ['w2'], images: ['i1'] },
        { name: 'c', severity: 'High', workloads: [], images: ['i2'] },
        { name: 'd', severity: 'Low', workloads: ['w3'] },
      ],
      workloads: { w1: [{ display_name: 'one' }], w2: [{ display_name: 'two' }] },
      images: { i1: [{ display_name: 'img:1' }] },
    });
    expect(e.bySeverity).toEqual({ Critical: 1, High: 1, Medium: 0, Low: 1 });
    expect(e.containers).toEqual([
      { id: 'w2', name: 'two', critical: 1, high: 1 },
      { id: 'w1', name: 'one', critical: 1, high: 0 },
    ]);
    // an image without a name shows its id
    expect(e.images).toEqual([
      { id: 'i1', name: 'img:1', critical: 1, high: 1 },
      { id: 'i2', name: 'i2', critical: 0, high: 1 },
    ]);
  });

  test('takes malformed and hostile answers without failing', () => {
    const hostile = {
      vulnerabilities: [
        null,
        { name: 'x', severity: 'Catastrophic', workloads: ['w1'] },
        { name: 'y', severity: 42, workloads: 'w1' },
        { name: 'z', severity: 'Critical', workloads: [7, 'w1', { id: 'w2' }], images: null },
        { name: '__proto__', severity: 'High', workloads: ['__proto__'] },
      ],
      workloads: { w1: 'not a list', __proto__: [] },
    } as unknown as AssetView;
    const e = exposureOf(hostile);
    expect(e.bySeverity).toEqual({ Critical: 1, High: 1, Medium: 0, Low: 0 });
    expect(e.containers.map((c) => c.id)).toEqual(['w1', '__proto__']);
    expect(exposureOf({} as AssetView).containers).toEqual([]);
    expect(exposureOf({ vulnerabilities: 'none' } as unknown as AssetView).bySeverity.Critical).toBe(0);
  });

  test('keeps five of many, the most critical first', () => {
    const vulnerabilities = Array.from({ length: 20_000 }, (_, i) => ({
      name: `CVE-${i}`,
      severity: i % 2 ? 'High' : 'Critical',
      workloads: [`w${i % 50}`],
    }));
    const e = exposureOf({ vulnerabilities });
    expect(e.bySeverity.Critical + e.bySeverity.High).toBe(20_000);
    expect(e.containers).toHaveLength(5);
    expect(e.containers[0].critical).toBeGreaterThanOrEqual(e.containers[4].critical);
  });
});

describe('hourly', () => {
  test('buckets the last 24 hours, the current hour last', () => {
    const start = windowStart(NOW);
    const buckets = hourly({ violations: [{ reported_timestamp: NOW }, { reported_timestamp: start }, { reported_timestamp: start - 1 }], incidents: [{ reported_timestamp: NOW - 3600 }] }, NOW);
    expect(buckets).toHaveLength(24);
    expect(buckets[0]).toEqual({ start, counts: { violations: 1 } });
    expect(buckets[23].counts).toEqual({ violations: 1 });
    expect(buckets[22].counts).toEqual({ incidents: 1 });
    expect(NOW - buckets[23].start).toBeLessThan(3600);
  });

  test('leaves out what has no usable time, and what lies in the future', () => {
    const buckets = hourly(
      {
        violations: [
          { reported_timestamp: '1780000000' },
          { reported_timestamp: NaN },
          { reported_timestamp: Infinity },
          {},
          null as unknown as { reported_timestamp?: unknown },
          { reported_timestamp: NOW + 7200 },
        ],
        incidents: 'nope' as unknown as [],
        threats: undefined,
      },
      NOW,
    );
    expect(buckets.every((b) => Object.keys(b.counts).length === 0)).toBe(true);
  });
});

test('rating follows NeuVector\'s bounds', () => {
  expect([0, 20, 21, 50, 51, 100].map(rating)).toEqual(['Good', 'Good', 'Fair', 'Fair', 'Poor', 'Poor']);
});
