/**
 * Requests seen per endpoint ("GET /api/v3/user/teams"), by status. Tests use it to prove the app's
 * promises about upstream traffic — e.g. that more viewers do not mean more GitHub calls, and that
 * conditional requests come back 304.
 */
export interface EndpointCount {
  endpoint: string;
  count: number;
  byStatus: Record<string, number>;
}

export class RequestCounts {
  private counts = new Map<string, EndpointCount>();

  record(endpoint: string, status: number): void {
    const entry = this.counts.get(endpoint) ?? { endpoint, count: 0, byStatus: {} };
    entry.count += 1;
    entry.byStatus[String(status)] = (entry.byStatus[String(status)] ?? 0) + 1;
    this.counts.set(endpoint, entry);
  }

  snapshot(): { total: number; endpoints: EndpointCount[] } {
    const endpoints = [...this.counts.values()]
      .map((entry) => ({ ...entry, byStatus: { ...entry.byStatus } }))
      .sort((a, b) => a.endpoint.localeCompare(b.endpoint));
    return { total: endpoints.reduce((sum, entry) => sum + entry.count, 0), endpoints };
  }

  clear(): void {
    this.counts.clear();
  }
}
