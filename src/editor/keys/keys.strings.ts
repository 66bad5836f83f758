/** The keys page's paths and words, Vietnamese first (the editors' language), English beside. */
import type { AdminLang } from "../ui/strings.ts";

export const KEY_PATHS = {
  vi: { keys: "/quan-tri/khoa-api", revoke: "/quan-tri/khoa-api/thu-hoi" },
  en: { keys: "/en/admin/api-keys", revoke: "/en/admin/api-keys/revoke" },
} as const satisfies Record<AdminLang, { keys: string; revoke: string }>;

const date = (iso: string) => iso.slice(0, 10);

export const KEY_UI = {
  vi: {
    title: "Khóa API của nhà bán lẻ",
    nav: "Khóa API",
    lede: "Mỗi kênh bán (chuỗi siêu thị, sàn…) dùng khóa API để gửi niêm yết và nhận webhook qua /api/v1. Khóa chỉ hiện một lần khi tạo; hệ thống chỉ lưu phần đầu và mã băm của khóa.",
    all: "Mọi kênh",
    filter: "Xem khóa của kênh",
    show: "Xem",
    create: "Tạo khóa",
    createFor: "Tạo khóa mới",
    labels: {
      channel: "Kênh bán",
      name: "Tên khóa (để phân biệt, không bắt buộc)",
      scopes: "Quyền của khóa",
      expires: "Hết hạn từ ngày (không bắt buộc)",
    } as Record<string, string>,
    expiresHint: "Khóa hết hiệu lực từ 0 giờ (UTC) ngày này. Để trống: khóa không hết hạn.",
    scopes: {
      read: "Chỉ đọc (xem webhook và lần gửi; đứng riêng)",
      listings: "Niêm yết (ghi niêm yết của kênh)",
      webhooks: "Webhook (đăng ký, sửa, xóa điểm nhận)",
    } as Record<string, string>,
    scopeShort: { read: "chỉ đọc", listings: "niêm yết", webhooks: "webhook" } as Record<string, string>,
    made: (channel: string) => `Khóa API mới của kênh ${channel}:`,
    shownOnce:
      "Hãy lưu khóa ngay và gửi cho nhà bán lẻ qua kênh an toàn: khóa chỉ hiện một lần này, không xem lại được.",
    revoked: (prefix: string) => `Đã thu hồi khóa ${prefix}…; khóa bị từ chối từ yêu cầu kế tiếp.`,
    none: "Chưa có khóa nào.",
    columns: ["Khóa", "Tên", "Quyền", "Tạo ngày", "Hết hạn", "Dùng lần cuối", "Trạng thái"],
    never: "không hết hạn",
    unused: "chưa dùng",
    active: "đang dùng",
    expired: "đã hết hạn",
    revokedOn: (at: string) => `đã thu hồi ${date(at)}`,
    revoke: "Thu hồi",
    errors: "Chưa tạo được khóa, hãy sửa:",
  },
  en: {
    title: "Retailers' API keys",
    nav: "API keys",
    lede: "Each channel (a supermarket chain, a marketplace…) uses an API key to send its listings and receive webhooks through /api/v1. A key is shown once, when it is made; only its prefix and its hash are stored.",
    all: "Every channel",
    filter: "Show the keys of",
    show: "Show",
    create: "Make the key",
    createFor: "Make a new key",
    labels: {
      channel: "Channel",
      name: "Key name (to tell keys apart, optional)",
      scopes: "What the key may do",
      expires: "Expires on (optional)",
    } as Record<string, string>,
    expiresHint: "The key stops working at 00:00 UTC on this day. Empty: it does not expire.",
    scopes: {
      read: "Read only (its webhooks and deliveries; alone)",
      listings: "Listings (write the channel's listings)",
      webhooks: "Webhooks (register, change, delete endpoints)",
    } as Record<string, string>,
    scopeShort: { read: "read only", listings: "listings", webhooks: "webhooks" } as Record<string, string>,
    made: (channel: string) => `The new API key of ${channel}:`,
    shownOnce:
      "Store it now and give it to the retailer by a safe channel: it is shown this once and cannot be seen again.",
    revoked: (prefix: string) => `Key ${prefix}… revoked; it is refused from its next request on.`,
    none: "No keys yet.",
    columns: ["Key", "Name", "Scopes", "Created", "Expires", "Last used", "Status"],
    never: "never",
    unused: "not yet",
    active: "active",
    expired: "expired",
    revokedOn: (at: string) => `revoked ${date(at)}`,
    revoke: "Revoke",
    errors: "The key was not made; please correct:",
  },
} as const;
