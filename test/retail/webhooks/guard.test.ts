// The sender guard (src/retail/webhooks/guard.ts): where a retailer's URL may make the Worker send requests.
import { describe, expect, it } from "vitest";
import { allowsLoopbackWebhooks } from "../../../src/platform/config.ts";
import { addressProblem, destinationProblem, urlProblem } from "../../../src/retail/webhooks/guard.ts";

describe("addresses", () => {
  // [address, allowed?] — every form that reaches this machine, a private network, or embeds such an address.
  const table: [string, boolean][] = [
    ["8.8.8.8", true],
    ["1.1.1.1", true],
    ["2606:4700:4700::1111", true],
    ["2001:4860:4860::8888", true],
    ["127.0.0.1", false],
    ["127.1.2.3", false],
    ["0.0.0.0", false],
    ["10.0.0.1", false],
    ["172.16.0.1", false],
    ["172.31.255.255", false],
    ["192.168.1.1", false],
    ["169.254.169.254", false], // cloud metadata
    ["100.64.0.1", false], // CGNAT
    ["100.127.255.254", false],
    ["224.0.0.1", false], // multicast
    ["255.255.255.255", false],
    ["192.0.2.1", false], // documentation
    ["::1", false],
    ["::", false],
    ["fc00::1", false], // ULA
    ["fd12:3456:789a::1", false],
    ["fe80::1", false], // link-local
    ["ff02::1", false], // multicast
    ["::ffff:127.0.0.1", false], // IPv4-mapped loopback
    ["::ffff:7f00:1", false], // the same, in hex
    ["::ffff:10.0.0.1", false],
    ["::ffff:169.254.169.254", false],
    ["::ffff:8.8.8.8", true], // mapped public IPv4: judged as 8.8.8.8
    ["64:ff9b::a00:1", false], // NAT64 of 10.0.0.1
    ["2002:7f00:1::", false], // 6to4 of 127.0.0.1
    ["2001::1", false], // Teredo
  ];
  it.each(table)("%s allowed: %s", (address, allowed) => {
    expect(addressProblem(address) === null).toBe(allowed);
  });
});

describe("URLs as registered", () => {
  const table: [string, string | null][] = [
    ["https://hooks.example-chain.vn/cnnt", null],
    ["https://hooks.example-chain.vn:8443/cnnt?x=1", null],
    ["https://8.8.8.8/hook", null],
    ["https://[2606:4700:4700::1111]/hook", null],
    ["http://hooks.example-chain.vn/cnnt", "must be https"],
    ["ftp://hooks.example-chain.vn/cnnt", "must be https"],
    ["https://user:pass@hooks.example-chain.vn/", "must not contain a user name or password"],
    ["https://hooks.example-chain.vn@evil.example/", "must not contain a user name or password"],
    ["https://127.0.0.1/hook", "must not be a loopback address"],
    ["https://2130706433/hook", "must not be a loopback address"], // decimal 127.0.0.1, normalised by URL
    ["https://0x7f.1/hook", "must not be a loopback address"],
    ["https://[::1]/hook", "must not be a loopback address"],
    ["https://[::ffff:127.0.0.1]/hook", "must not be a loopback address"],
    ["https://[::ffff:a9fe:a9fe]/latest", "must not be a link local address"],
    ["https://169.254.169.254/latest", "must not be a link local address"],
    ["https://10.1.2.3/hook", "must not be a private address"],
    ["https://100.64.1.1/hook", "must not be a carrier grade nat address"],
    ["https://[fd00::1]/hook", "must not be a unique local address"],
    ["https://[fe80::1]/hook", "must not be a link local address"],
    ["https://localhost/hook", "must not name a local host"],
    ["https://api.localhost/hook", "must not name a local host"],
    ["https://printer.local/hook", "must name a public host"],
    ["https://intranet/hook", "must name a public host"],
    ["https://db.internal/hook", "must name a public host"],
    ["not a url", "must be an absolute URL"],
  ];
  it.each(table)("%s → %s", (url, problem) => {
    expect(urlProblem(url)).toBe(problem);
  });

  it("the test-only setting counts only with a local origin (the queue consumer has no request to judge)", () => {
    expect(
      allowsLoopbackWebhooks({ WEBHOOK_ALLOW_LOOPBACK: "1", PUBLIC_ORIGIN: "http://localhost:8787" }),
    ).toBe(true);
    expect(
      allowsLoopbackWebhooks({ WEBHOOK_ALLOW_LOOPBACK: "1", PUBLIC_ORIGIN: "https://cnnt.example.vn" }),
    ).toBe(false);
    expect(allowsLoopbackWebhooks({ PUBLIC_ORIGIN: "http://localhost:8787" })).toBe(false);
  });

  it("the test-only setting lets a loopback http receiver through, and nothing private", () => {
    const loopback = { allowLoopback: true };
    expect(urlProblem("http://127.0.0.1:8123/ok", loopback)).toBeNull();
    expect(urlProblem("http://localhost:8123/ok", loopback)).toBeNull();
    expect(urlProblem("http://[::1]:8123/ok", loopback)).toBeNull();
    expect(urlProblem("http://10.0.0.1/ok", loopback)).toBe("must be https");
    expect(urlProblem("https://192.168.0.1/ok", loopback)).toBe("must not be a private address");
    expect(urlProblem("http://hooks.example-chain.vn/ok", loopback)).toBe("must be https");
  });
});

describe("host spellings (issue 23, finding 7: a trailing dot bypassed the name rules)", () => {
  // [url, problem] — the same host spelled as URLs allow: one trailing dot (the root of DNS, so the same name),
  // upper case, full-width letters (IDN mapping folds them to ASCII), IPv4 and IPv6 literals in their many forms.
  const table: [string, string | null][] = [
    ["https://localhost./hook", "must not name a local host"],
    ["https://LOCALHOST./hook", "must not name a local host"],
    ["https://api.localhost./hook", "must not name a local host"],
    ["https://ｌｏｃａｌｈｏｓｔ/hook", "must not name a local host"],
    ["https://x.internal./hook", "must name a public host"],
    ["https://X.INTERNAL/hook", "must name a public host"],
    ["https://foo.local./hook", "must name a public host"],
    ["https://foo.ｌｏｃａｌ/hook", "must name a public host"],
    ["https://router.home.arpa./hook", "must name a public host"],
    ["https://intranet./hook", "must name a public host"],
    ["https://foo.local../hook", "must name a public host"],
    ["https://./hook", "must name a public host"],
    ["https://127.0.0.1./hook", "must not be a loopback address"],
    ["https://0177.0.0.1/hook", "must not be a loopback address"],
    ["https://127.1/hook", "must not be a loopback address"],
    ["https://[0:0:0:0:0:0:0:1]/hook", "must not be a loopback address"],
    ["https://[::FFFF:7F00:1]/hook", "must not be a loopback address"],
    ["https://[fe80::1%25eth0]/hook", "must be an absolute URL"],
    // Public names keep working, with or without the root dot, in any case; an IDN stays an IDN.
    ["https://hooks.example-chain.vn./cnnt", null],
    ["https://HOOKS.Example-Chain.VN/cnnt", null],
    ["https://xn--cao-bng-2za.vn/hook", null],
    ["https://cao-bằng.vn/hook", null],
  ];
  it.each(table)("%s → %s", (url, problem) => {
    expect(urlProblem(url)).toBe(problem);
  });

  it("a trailing-dot host is not resolved as a public name either", async () => {
    let asked = 0;
    const dns: typeof fetch = async () => {
      asked++;
      return Response.json({ Status: 0, Answer: [{ type: 1, data: "8.8.8.8" }] });
    };
    expect(await destinationProblem("https://x.internal./h", {}, dns)).toBe("must name a public host");
    expect(asked).toBe(0);
  });
});

describe("host names after resolution (DNS over HTTPS)", () => {
  // The DNS-over-HTTPS answers come from a stand-in for the resolver: the lookup's parsing and the judgement of
  // each address are what is tested here (the tests have no internet).
  const resolver =
    (answers: Record<string, string[]>, status = 200): typeof fetch =>
    async (input) => {
      const url = new URL(String(input));
      const type = url.searchParams.get("type") === "A" ? 1 : 28;
      const data = (answers[url.searchParams.get("name") ?? ""] ?? []).filter((a) =>
        type === 1 ? !a.includes(":") : a.includes(":"),
      );
      return Response.json({ Status: 0, Answer: data.map((d) => ({ type, data: d })) }, { status });
    };

  it("refuses a public-looking name that resolves to a private or loopback address, in either family", async () => {
    const dns = resolver({
      "good.example.vn": ["8.8.4.4", "2606:4700::6810:84e5"],
      "rebind.example.vn": ["8.8.8.8", "10.0.0.5"],
      "v6.example.vn": ["2606:4700::1", "::ffff:127.0.0.1"],
      "meta.example.vn": ["169.254.169.254"],
    });
    expect(await destinationProblem("https://good.example.vn/h", {}, dns)).toBeNull();
    expect(await destinationProblem("https://rebind.example.vn/h", {}, dns)).toBe(
      "rebind.example.vn resolves to 10.0.0.5, a private address",
    );
    expect(await destinationProblem("https://v6.example.vn/h", {}, dns)).toBe(
      "v6.example.vn resolves to ::ffff:127.0.0.1, a loopback address",
    );
    expect(await destinationProblem("https://meta.example.vn/h", {}, dns)).toBe(
      "meta.example.vn resolves to 169.254.169.254, a link local address",
    );
  });

  it("fails closed: no address, or a lookup that fails, refuses the delivery", async () => {
    expect(await destinationProblem("https://nothing.example.vn/h", {}, resolver({}))).toBe(
      "nothing.example.vn has no address",
    );
    expect(await destinationProblem("https://x.example.vn/h", {}, resolver({}, 503))).toMatch(
      /^could not resolve x\.example\.vn: DNS lookup of x\.example\.vn answered 503$/,
    );
  });
});
