import { useTranslation } from 'react-i18next';
import {
  CartesianGrid,
  Line,
  LineChart,
  ReferenceArea,
  ResponsiveContainer,
  Symbols,
  Tooltip,
  XAxis,
  YAxis,
  type DotItemDotProps,
} from 'recharts';
import type { ResultFlag, ResultTrend } from '../../../shared/results.ts';
import { usePortalConfig } from '../../hooks/use-portal-config.ts';
import { displayUnit, formatValue, OUT_OF_RANGE } from '../../components/results/result-format.ts';

/** Mantine's default palette, as SVG attributes take it. */
const COLORS = {
  line: '#1864ab',
  inRange: '#1864ab',
  outOfRange: '#c92a2a',
  band: '#12b886',
  grid: '#dee2e6',
};

interface Point {
  time: number;
  value: number;
  flag: ResultFlag | null;
}

interface TrendChartProps {
  trend: ResultTrend;
  /** The text alternative: the graph summed up in a sentence (the table below has every value). */
  summary: string;
}

/**
 * The line graph of one test's values (recharts, only in the trend page's chunk): time across, the value up with its
 * unit, the reference range shaded, and each value out of range drawn as a triangle instead of a circle, so the
 * difference does not rest on colour. To assistive technology it is one image with the summary as its name.
 */
export function TrendChart({ trend, summary }: TrendChartProps) {
  const { t, i18n } = useTranslation();
  const { timeZone } = usePortalConfig();
  const data: Point[] = trend.points.map((p) => ({ time: Date.parse(p.at), value: p.value, flag: p.flag }));
  const monthYear = new Intl.DateTimeFormat(i18n.language, { timeZone, month: 'short', year: 'numeric' });
  const fullDay = new Intl.DateTimeFormat(i18n.language, { timeZone, dateStyle: 'medium' });
  const number = (v: number) => formatValue(v, i18n.language);
  const low = trend.range?.low ?? undefined;
  const high = trend.range?.high ?? undefined;
  const unitLabel = trend.unit ? displayUnit(trend.unit) : undefined;

  return (
    <div role="img" aria-label={summary} className="trend-chart">
      <ResponsiveContainer width="100%" height="100%">
        <LineChart data={data} margin={{ top: 12, right: 16, bottom: 28, left: 12 }} accessibilityLayer={false}>
          <CartesianGrid stroke={COLORS.grid} strokeDasharray="3 3" />
          {(low !== undefined || high !== undefined) && (
            <ReferenceArea y1={low} y2={high} fill={COLORS.band} fillOpacity={0.15} ifOverflow="extendDomain" />
          )}
          <XAxis
            dataKey="time"
            type="number"
            scale="time"
            domain={['dataMin', 'dataMax']}
            tickFormatter={(time: number) => monthYear.format(time)}
            label={{ value: t('results.trend.axisDate'), position: 'insideBottom', offset: -18 }}
            minTickGap={24}
          />
          <YAxis
            domain={['auto', 'auto']}
            tickFormatter={number}
            width={56}
            label={unitLabel && { value: unitLabel, angle: -90, position: 'insideLeft', offset: 4 }}
          />
          <Tooltip
            labelFormatter={(time) => fullDay.format(Number(time))}
            formatter={(value) => [
              unitLabel ? `${number(Number(value))} ${unitLabel}` : number(Number(value)),
              trend.name,
            ]}
          />
          <Line
            type="linear"
            dataKey="value"
            stroke={COLORS.line}
            strokeWidth={2}
            dot={renderDot}
            activeDot={{ r: 6 }}
            isAnimationActive={false}
          />
        </LineChart>
      </ResponsiveContainer>
    </div>
  );
}

/** A value in range is a circle; one out of range a larger, red triangle (pointing down for a low value). */
function renderDot({ cx, cy, index, payload }: DotItemDotProps) {
  if (typeof cx !== 'number' || typeof cy !== 'number') return null;
  const flag = (payload as Point).flag;
  const out = flag !== null && OUT_OF_RANGE.has(flag);
  const low = flag === 'low' || flag === 'critical_low';
  return (
    <g key={index} transform={low ? `rotate(180 ${cx} ${cy})` : undefined}>
      <Symbols
        cx={cx}
        cy={cy}
        type={out ? 'triangle' : 'circle'}
        size={out ? 110 : 50}
        fill={out ? COLORS.outOfRange : '#fff'}
        stroke={out ? COLORS.outOfRange : COLORS.inRange}
        strokeWidth={2}
      />
    </g>
  );
}
