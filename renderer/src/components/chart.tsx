// A small bar chart over time (uPlot: canvas, ~20 KB, fast with thousands of points). Sized to its box and
// redrawn on resize and on a change of the system theme, with the colours of the current theme. Screen
// readers get the caption and a summary instead of the canvas.
import { useEffect, useRef } from 'react';
import uPlot, { type AlignedData, type Options } from 'uplot';
import 'uplot/dist/uPlot.min.css';

export interface ChartSeries {
  label: string;
  values: (number | null)[];
  /** A CSS custom property holding the colour, e.g. --chart-1. */
  color: string;
}

interface ChartProps {
  times: number[];
  series: ChartSeries[];
  caption: string;
  summary: string;
  /** Formats the y axis. */
  format?: (v: number) => string;
  /** Hour labels instead of minutes. */
  hourly?: boolean;
  height?: number;
  /** A fixed top of the y axis (100 for percentages); otherwise the data's maximum. */
  max?: number;
}

const cssVar = (name: string): string =>
  getComputedStyle(document.documentElement).getPropertyValue(name).trim();

function options(p: ChartProps, width: number): Options {
  const text = cssVar('--muted');
  const grid = cssVar('--border');
  const axis = {
    stroke: text,
    grid: { stroke: grid, width: 1 },
    ticks: { stroke: grid, width: 1 },
    font: '11px system-ui',
  };
  const time = new Intl.DateTimeFormat(undefined, { hour: '2-digit', minute: '2-digit' });
  const half = p.times.length > 1 ? ((p.times[1]! - p.times[0]!) / 1000) * 0.5 : 30;
  return {
    width,
    height: p.height ?? 160,
    legend: { show: true, live: false },
    cursor: { y: false, drag: { x: false, y: false } },
    scales: {
      // Half a bucket either side, so the first and last bars are whole.
      x: { time: true, range: (_u, min, max) => [min - half, max + half] },
      y: { range: (_u, _min, max) => [0, p.max ?? Math.max(1, max) * 1.15] },
    },
    axes: [
      { ...axis, values: (_u, ticks) => ticks.map((t) => time.format(t * 1000)), space: p.hourly ? 60 : 50 },
      { ...axis, size: 50, values: (_u, ticks) => ticks.map((t) => (p.format ? p.format(t) : String(t))) },
    ],
    series: [
      { value: (_u, t) => (t == null ? '' : time.format(t * 1000)) },
      // Bars drawn in order over each other: a later series covering part of an earlier one reads as a stack.
      ...p.series.map((s) => {
        const color = cssVar(s.color);
        return {
          label: s.label,
          stroke: color,
          fill: color,
          width: 0,
          paths: uPlot.paths.bars?.({ size: [0.7, 16] }),
          points: { show: false },
        };
      }),
    ],
  };
}

export function Chart(props: ChartProps) {
  const box = useRef<HTMLDivElement>(null);
  const { times, series } = props;
  useEffect(() => {
    const el = box.current;
    if (!el) return undefined;
    const data: AlignedData = [times.map((t) => t / 1000), ...series.map((s) => s.values)];
    let plot = new uPlot(options(props, el.clientWidth || 600), data, el);
    const rebuild = () => {
      plot.destroy();
      plot = new uPlot(options(props, el.clientWidth || 600), data, el);
    };
    const resize = new ResizeObserver(() =>
      plot.setSize({ width: el.clientWidth, height: props.height ?? 160 }),
    );
    resize.observe(el);
    const scheme = window.matchMedia('(prefers-color-scheme: dark)');
    scheme.addEventListener('change', rebuild);
    return () => {
      scheme.removeEventListener('change', rebuild);
      resize.disconnect();
      plot.destroy();
    };
    // The chart is rebuilt when its data changes; the other props are fixed per chart.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [times, series]);
  return (
    <figure className="chart">
      <figcaption>{props.caption}</figcaption>
      <div ref={box} role="img" aria-label={props.summary} />
    </figure>
  );
}
