// The sender guard: where a webhook may be sent. A retailer names the URL, so without it the Worker could be made
// to POST to addresses that only a server can reach (metadata services, the operator's private network, loopback).
// Checked at registration (the URL as written) and before every attempt (the URL and, for a host name, every
// address DNS gives for it, over DNS-over-HTTPS). See README "Webhooks" for what remains (DNS rebinding between
// the lookup and the request; Cloudflare's egress does not route to private networks either).
import { ipProblem, isIp } from "./address.ts";

/** Options of the guard: the test-only setting that lets a loopback http receiver through. */
export interface GuardOptions {
  /** `WEBHOOK_ALLOW_LOOPBACK=1` (tests and local measurements only; refused on a public origin). */
  allowLoopback?: boolean;
}

// Names that never resolve on the public internet (RFC 6761, RFC 8375, common private suffixes).
const PRIVATE_SUFFIXES = [".localhost", ".local", ".internal", ".home.arpa", ".lan", ".intranet", ".corp"];

/** The host as written in a URL, without IPv6 brackets. */
const bareHost = (hostname: string) => hostname.replace(/^\[|\]$/g, "").toLowerCase();

/**
 * The host a URL names, as the rules judge it: lower case (the URL parser already maps IDN and full-width letters
 * and normalises IPv4 forms, `127.1.` included) and without one trailing dot. `localhost.` and `x.internal.` are
 * the same names as without the dot (the DNS root), so the suffix rules must see them without it; a second dot
 * leaves an empty label, which no public name has.
 */
const hostOf = (url: URL) => bareHost(url.hostname).replace(/\.$/, "");

/**
 * Why an address may not receive webhooks (null: it may). Only globally routable unicast addresses pass:
 * private (10/8, 172.16/12, 192.168/16), loopback, link-local (incl. 169.254.169.254), CGNAT (100.64/10),
 * unspecified, multicast, reserved and documentation ranges; IPv6 loopback, ULA (fc00::/7), link-local, and forms
 * that embed an IPv4 address (IPv4-mapped `::ffff:a.b.c.d`, NAT64 `64:ff9b::/96`, 6to4, Teredo) are refused;
 * an IPv4-mapped address is judged as the IPv4 address it maps.
 *
 * @example addressProblem("::ffff:127.0.0.1") // "loopback address"
 */
export function addressProblem(address: string, options: GuardOptions = {}): string | null {
  const problem = ipProblem(bareHost(address));
  if (problem === null || (problem === "loopback" && options.allowLoopback)) return null;
  return problem === "not an IP address" ? problem : `${problem} address`;
}

/**
 * Why a URL may not be registered or called (null: it may, as far as its text says; host names are checked
 * again after resolution by {@link destinationProblem}).
 *
 * @example urlProblem("https://user:pw@shop.example/hook") // "must not contain a user name or password"
 */
export function urlProblem(text: string, options: GuardOptions = {}): string | null {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return "must be an absolute URL";
  }
  if (url.username || url.password) return "must not contain a user name or password";
  const host = hostOf(url);
  const literal = isIp(host);
  const loopbackName = host === "localhost" || host.endsWith(".localhost");
  const loopbackTarget =
    options.allowLoopback && (loopbackName || (literal && addressProblem(host, options) === null));
  if (url.protocol !== "https:" && !(url.protocol === "http:" && loopbackTarget)) return "must be https";
  if (literal) {
    const problem = addressProblem(host, options);
    return problem ? `must not be a ${problem}` : null;
  }
  if (loopbackName) return options.allowLoopback ? null : "must not name a local host";
  if (!host.includes(".") || host.endsWith(".") || PRIVATE_SUFFIXES.some((s) => host.endsWith(s))) {
    return "must name a public host";
  }
  return null;
}

interface DnsAnswer {
  type: number;
  data: string;
}
const DOH = "https://cloudflare-dns.com/dns-query";
const A = 1;
const AAAA = 28;

/**
 * Every A and AAAA address of a host name, asked of DNS over HTTPS (Workers have no resolver API). Throws when the
 * lookup fails: the guard fails closed.
 */
export async function resolveHost(host: string, fetcher: typeof fetch = fetch): Promise<string[]> {
  // Both lookups settle before either failure is thrown (a second rejection would otherwise go unhandled).
  const settled = await Promise.allSettled(
    ["A", "AAAA"].map(async (type) => {
      const res = await fetcher(`${DOH}?name=${encodeURIComponent(host)}&type=${type}`, {
        headers: { accept: "application/dns-json" },
        signal: AbortSignal.timeout(3000),
      });
      if (!res.ok) throw new Error(`DNS lookup of ${host} answered ${res.status}`);
      const json = (await res.json()) as { Status?: number; Answer?: DnsAnswer[] };
      return (json.Answer ?? []).filter((a) => a.type === A || a.type === AAAA).map((a) => a.data);
    }),
  );
  const failed = settled.find((r) => r.status === "rejected");
  if (failed) throw failed.reason;
  return settled.flatMap((r) => (r.status === "fulfilled" ? r.value : []));
}

/**
 * Why a delivery may not be sent to this URL now (null: it may): the URL's own text, then, for a host name, each
 * address it resolves to (none at all is refused too).
 */
export async function destinationProblem(
  text: string,
  options: GuardOptions = {},
  fetcher: typeof fetch = fetch,
): Promise<string | null> {
  const problem = urlProblem(text, options);
  if (problem) return problem;
  const host = hostOf(new URL(text));
  if (isIp(host) || host === "localhost" || host.endsWith(".localhost")) return null;
  let addresses: string[];
  try {
    addresses = await resolveHost(host, fetcher);
  } catch (e) {
    return `could not resolve ${host}: ${e instanceof Error ? e.message : String(e)}`;
  }
  if (!addresses.length) return `${host} has no address`;
  for (const address of addresses) {
    const p = addressProblem(address, options);
    if (p) return `${host} resolves to ${address}, a ${p}`;
  }
  return null;
}
