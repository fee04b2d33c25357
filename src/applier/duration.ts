/**
 * Terraform's classic duration style: `12s`, `1m0s`, `1h2m3s` (whole seconds, rounded down).
 * Shared by the applier's messages and the progress reporters so both read the same.
 */
export function formatDuration(ms: number): string {
  const total = Math.max(0, Math.floor(ms / 1000));
  const hours = Math.floor(total / 3600);
  const minutes = Math.floor((total % 3600) / 60);
  const seconds = total % 60;
  if (hours > 0) return `${hours}h${minutes}m${seconds}s`;
  if (minutes > 0) return `${minutes}m${seconds}s`;
  return `${seconds}s`;
}
