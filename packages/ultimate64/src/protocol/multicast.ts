/** True for an IPv4 multicast address (224.0.0.0–239.255.255.255). */
export function isMulticast(host: string): boolean {
  const first = Number(host.split('.')[0]);
  return /^\d+\.\d+\.\d+\.\d+$/.test(host) && first >= 224 && first <= 239;
}
