// The Cache panel's charts: Worksection requests and cache hits per minute over the last hour and per
// hour over the last day, and the share of reads the cache answered.
import { useMemo } from 'react';
import type { CacheView, SeriesPoint } from '../../../../shared/api/cache';
import { Chart, type ChartSeries } from '../../components/chart';
import { Card } from '../../components/panel';

function seriesOf(points: SeriesPoint[]): {
  times: number[];
  traffic: ChartSeries[];
  rate: ChartSeries[];
  sum: { upstream: number; hits: number };
} {
  const upstream = points.map((p) => p.upstream);
  const hits = points.map((p) => p.hits);
  return {
    times: points.map((p) => p.t),
    // Stacked: the whole bar is every read, its lower part the reads the cache answered.
    traffic: [
      { label: 'Worksection requests', values: points.map((p) => p.upstream + p.hits), color: '--chart-1' },
      { label: 'Answered from cache', values: hits, color: '--chart-2' },
    ],
    rate: [
      {
        label: 'Hit rate',
        values: points.map((p) =>
          p.upstream + p.hits === 0 ? null : (100 * p.hits) / (p.upstream + p.hits),
        ),
        color: '--chart-2',
      },
    ],
    sum: { upstream: upstream.reduce((a, b) => a + b, 0), hits: hits.reduce((a, b) => a + b, 0) },
  };
}

function Window({ title, points, hourly }: { title: string; points: SeriesPoint[]; hourly?: boolean }) {
  const s = useMemo(() => seriesOf(points), [points]);
  const unit = hourly ? 'hour' : 'minute';
  const summary = `${s.sum.upstream} Worksection requests and ${s.sum.hits} cache hits over the ${title.toLowerCase()}.`;
  return (
    <Card title={title}>
      <div className="grid-2">
        <Chart
          times={s.times}
          series={s.traffic}
          caption={`Requests per ${unit}`}
          summary={summary}
          hourly={hourly}
        />
        <Chart
          times={s.times}
          series={s.rate}
          caption="Hit rate"
          summary={`Share of reads answered from the cache, per ${unit}.`}
          format={(v) => `${Math.round(v)}%`}
          max={100}
          hourly={hourly}
        />
      </div>
    </Card>
  );
}

export function CacheCharts({ view }: { view: CacheView }) {
  return (
    <>
      <Window title="Last hour" points={view.lastHour} />
      <Window title="Last day" points={view.lastDay} hourly />
    </>
  );
}
