"use client";

import { Bar, BarChart, CartesianGrid, Legend, Line, LineChart, Tooltip, XAxis, YAxis } from "recharts";

// The /metrics charts: drawn in the browser from series computed on the server (lib/metrics/report.ts).
// Colours are CSS variables set by the wrapper for light and dark (see CHART_THEME), so one chart reads
// in both themes; each chart also has a text summary in its card, so nothing is told by the chart alone.

export const CHART_THEME =
  "[--chart-ok:#15803d] [--chart-failed:#dc2626] [--chart-line:#0369a1] [--chart-muted:#a1a1aa] [--chart-axis:#52525b] [--chart-grid:#e4e4e7] [--chart-tooltip:#ffffff] " +
  "dark:[--chart-ok:#4ade80] dark:[--chart-failed:#f87171] dark:[--chart-line:#38bdf8] dark:[--chart-muted:#71717a] dark:[--chart-axis:#a1a1aa] dark:[--chart-grid:#27272a] dark:[--chart-tooltip:#18181b]";

const HEIGHT = 130;
const axis = { fontSize: 11, fill: "var(--chart-axis)" };
const tooltip = {
  contentStyle: { background: "var(--chart-tooltip)", border: "1px solid var(--chart-grid)", borderRadius: 6, fontSize: 12 },
  labelStyle: { color: "var(--chart-axis)" },
  cursor: { fill: "var(--chart-grid)", fillOpacity: 0.5 },
};

function Frame({ label, children }: { label: string; children: React.ReactNode }) {
  return (
    <figure aria-label={label} className={`${CHART_THEME} mt-2`}>
      {children}
    </figure>
  );
}

export function DeploysChart({ data, label }: { data: { label: string; succeeded: number; failed: number }[]; label: string }) {
  return (
    <Frame label={label}>
      <BarChart responsive style={{ width: "100%", height: HEIGHT }} data={data} margin={{ top: 4, right: 4, bottom: 0, left: 0 }}>
        <CartesianGrid vertical={false} stroke="var(--chart-grid)" />
        <XAxis dataKey="label" tick={axis} tickLine={false} axisLine={false} minTickGap={12} />
        <YAxis allowDecimals={false} tick={axis} tickLine={false} axisLine={false} width={44} />
        <Tooltip {...tooltip} />
        <Legend iconSize={8} wrapperStyle={{ fontSize: 11 }} />
        <Bar dataKey="succeeded" name="deployed" stackId="deploys" fill="var(--chart-ok)" isAnimationActive={false} />
        <Bar dataKey="failed" name="failed rollout" stackId="deploys" fill="var(--chart-failed)" isAnimationActive={false} />
      </BarChart>
    </Frame>
  );
}

export function LeadTimeChart({ data, label }: { data: { label: string; medianHours: number | null }[]; label: string }) {
  return (
    <Frame label={label}>
      <BarChart responsive style={{ width: "100%", height: HEIGHT }} data={data} margin={{ top: 4, right: 4, bottom: 0, left: 0 }}>
        <CartesianGrid vertical={false} stroke="var(--chart-grid)" />
        <XAxis dataKey="label" tick={axis} tickLine={false} axisLine={false} minTickGap={12} />
        <YAxis tickCount={3} tick={axis} tickLine={false} axisLine={false} width={44} unit=" h" />
        <Tooltip {...tooltip} formatter={(value) => [`${String(value)} h`, "median lead time"]} />
        <Bar dataKey="medianHours" name="median lead time" fill="var(--chart-line)" isAnimationActive={false} />
      </BarChart>
    </Frame>
  );
}

export function FailureRateChart({ data, label }: { data: { label: string; ratePercent: number | null }[]; label: string }) {
  return (
    <Frame label={label}>
      <LineChart responsive style={{ width: "100%", height: HEIGHT }} data={data} margin={{ top: 4, right: 8, bottom: 0, left: 0 }}>
        <CartesianGrid vertical={false} stroke="var(--chart-grid)" />
        <XAxis dataKey="label" tick={axis} tickLine={false} axisLine={false} minTickGap={12} />
        <YAxis domain={[0, 100]} ticks={[0, 50, 100]} tick={axis} tickLine={false} axisLine={false} width={44} unit="%" />
        <Tooltip {...tooltip} formatter={(value) => [`${String(value)} %`, "change failure rate"]} />
        <Line dataKey="ratePercent" name="change failure rate" stroke="var(--chart-failed)" strokeWidth={2} dot={{ r: 3, fill: "var(--chart-failed)" }} connectNulls isAnimationActive={false} />
      </LineChart>
    </Frame>
  );
}

export function RestoreChart({ data, label }: { data: { label: string; hours: number; open: boolean; application: string }[]; label: string }) {
  const rows = data.map((incident, index) => ({ ...incident, name: `${incident.label} · ${incident.application}`, restored: incident.open ? null : incident.hours, stillOpen: incident.open ? incident.hours : null, index }));
  return (
    <Frame label={label}>
      <BarChart responsive style={{ width: "100%", height: HEIGHT }} data={rows} margin={{ top: 4, right: 4, bottom: 0, left: 0 }}>
        <CartesianGrid vertical={false} stroke="var(--chart-grid)" />
        <XAxis dataKey="label" tick={axis} tickLine={false} axisLine={false} minTickGap={12} />
        <YAxis tickCount={3} tick={axis} tickLine={false} axisLine={false} width={44} unit=" h" />
        <Tooltip {...tooltip} labelFormatter={(_, payload) => String(payload?.[0]?.payload?.name ?? "")} formatter={(value, name) => [`${String(value)} h`, name]} />
        <Legend iconSize={8} wrapperStyle={{ fontSize: 11 }} />
        <Bar dataKey="restored" name="restored after" stackId="incident" fill="var(--chart-line)" isAnimationActive={false} />
        {rows.some((row) => row.open) ? <Bar dataKey="stillOpen" name="open for" stackId="incident" fill="var(--chart-failed)" isAnimationActive={false} /> : null}
      </BarChart>
    </Frame>
  );
}

export function BuildChart({ data, label }: { data: { name: string; ratePercent: number | null; previousPercent: number | null }[]; label: string }) {
  return (
    <Frame label={label}>
      <BarChart responsive layout="vertical" style={{ width: "100%", height: Math.max(HEIGHT, 28 * data.length + 40) }} data={data} margin={{ top: 4, right: 12, bottom: 0, left: 8 }}>
        <CartesianGrid horizontal={false} stroke="var(--chart-grid)" />
        <XAxis type="number" domain={[0, 100]} tick={axis} tickLine={false} axisLine={false} unit="%" />
        <YAxis type="category" dataKey="name" tick={axis} tickLine={false} axisLine={false} width={180} />
        <Tooltip {...tooltip} formatter={(value, name) => [value === null || value === undefined ? "—" : `${String(value)} %`, name]} />
        <Legend iconSize={8} wrapperStyle={{ fontSize: 11 }} />
        <Bar dataKey="ratePercent" name="this period" fill="var(--chart-ok)" isAnimationActive={false} />
        <Bar dataKey="previousPercent" name="previous period" fill="var(--chart-muted)" isAnimationActive={false} />
      </BarChart>
    </Frame>
  );
}
