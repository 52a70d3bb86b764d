/** One run's measurements. */
export interface ScaleOutRow {
  workers: number;
  wallMs: number;
  /** Live records in the store at the end, all accounts together. */
  records: number;
  /** API requests the emulator answered (429s included, token requests not). */
  requests: number;
  recordsPerSecond: number;
  requestsPerSecond: number;
  /** Throughput (records/s) over the first row's. */
  speedUp: number;
  /** The busiest account's most units asked for in one rate window, per API, and the limits. */
  peak: { mailbox: number; docs: number };
  limit: { mailbox: number; docs: number };
  /** 429 answers, all accounts together. */
  rateLimited: number;
  /** Tokens the workers refreshed after the emulator let them expire mid-run. */
  refreshes: number;
  /** The most refreshes of one account's token: one per expiry, however many workers. */
  maxRefreshesPerAccount: number;
  /** Jobs that failed for good. */
  failedJobs: number;
  storeMatches: boolean;
  differences: string[];
}

/** The rows as a plain-text table. */
export function formatScaleOutTable(rows: readonly ScaleOutRow[]): string {
  const header = [
    "workers",
    "wall s",
    "records/s",
    "requests/s",
    "speed-up",
    "peak/limit mailbox",
    "peak/limit docs",
    "429s",
    "refreshes (max/account)",
    "failed jobs",
    "store == emulator",
  ];
  const lines = rows.map((row) => [
    String(row.workers),
    (row.wallMs / 1000).toFixed(1),
    row.recordsPerSecond.toFixed(0),
    row.requestsPerSecond.toFixed(0),
    `${row.speedUp.toFixed(2)}×`,
    `${row.peak.mailbox}/${row.limit.mailbox}`,
    `${row.peak.docs}/${row.limit.docs}`,
    String(row.rateLimited),
    `${row.refreshes} (${row.maxRefreshesPerAccount})`,
    String(row.failedJobs),
    row.storeMatches ? "yes" : "NO",
  ]);
  const widths = header.map((title, i) =>
    Math.max(title.length, ...lines.map((line) => line[i]?.length ?? 0)),
  );
  const format = (cells: string[]) =>
    cells.map((cell, i) => cell.padStart(widths[i] ?? 0)).join("  ");
  return [
    format(header),
    widths.map((width) => "-".repeat(width)).join("  "),
    ...lines.map(format),
  ].join("\n");
}
