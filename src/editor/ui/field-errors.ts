/**
 * Field errors in the page's language. The schemas (shared by the admin API, the CSV import and these pages) speak
 * English, which the API keeps; the pages translate here, in one place: zod's own messages by their shape, our
 * schemas' messages by their text. A reason nobody translated yet is shown as it is rather than hidden.
 */
import type { AdminLang } from "./strings.ts";

const UNIT: Record<string, string> = { characters: "ký tự", items: "mục", character: "ký tự", item: "mục" };
const TYPE: Record<string, string> = {
  number: "phải là một số",
  int: "phải là số nguyên",
  boolean: "phải là có hoặc không",
  string: "phải là chữ",
  array: "phải là một danh sách",
  object: "không hợp lệ",
};
const ENTITY: Record<string, string> = {
  product: "sản phẩm",
  producer: "cơ sở sản xuất",
  recognition: "công nhận",
  channel: "kênh bán",
  listing: "niêm yết",
  "support project": "đề án khuyến công",
  support_project: "đề án khuyến công",
  programme_figure: "số liệu chương trình",
  "programme figure": "số liệu chương trình",
};
const entity = (e: string) => ENTITY[e] ?? e;

/** Our schemas' and services' own reasons, word for word. */
const EXACT: Record<string, string> = {
  "is required": "bắt buộc",
  "must not contain bidirectional controls or lone surrogates":
    "không được chứa ký tự điều khiển hướng chữ hay ký tự lỗi",
  "must be a slug (lowercase letters, digits, hyphens)":
    "phải là slug: chữ thường không dấu, chữ số và dấu gạch ngang",
  "must be an https:// URL": "phải là đường dẫn bắt đầu bằng https://",
  "must be an http:// or https:// URL": "phải là đường dẫn bắt đầu bằng http:// hoặc https://",
  "must be one of our illustrations or an uploaded photo": "phải là hình minh họa có sẵn hoặc ảnh đã tải lên",
  "a photo needs its alt text in Vietnamese": "ảnh cần mô tả bằng tiếng Việt",
  "a photo needs its alt text in English": "ảnh cần mô tả bằng tiếng Anh",
  "a CNNT-TB recognition needs its level": "công nhận CNNT tiêu biểu cần ghi cấp",
  "an OCOP recognition needs its stars": "công nhận OCOP cần ghi số sao",
  "only CNNT-TB recognitions have a level": "chỉ công nhận CNNT tiêu biểu mới có cấp",
  "only OCOP recognitions have stars": "chỉ công nhận OCOP mới có số sao",
  "is required (the year of the decision)": "bắt buộc (năm của quyết định)",
  "an OCOP recognition needs its stars (3–5), or not_stated when the source does not give them":
    "công nhận OCOP cần ghi số sao (3–5), hoặc “chưa rõ” khi nguồn không nêu",
  "is required (the year of the decision, or not_stated when the source does not give it)":
    "bắt buộc (năm của quyết định, hoặc “chưa rõ” khi nguồn không nêu)",
  "is required (who issued the decision)": "bắt buộc (cơ quan ban hành quyết định)",
  "each line: a label; a net weight in grams; a price in đồng (whole numbers, either may be left out)":
    "mỗi dòng: tên; khối lượng (gam); giá (đồng) — số nguyên, có thể bỏ trống khối lượng hoặc giá",
  "is required (what the photo shows, in Vietnamese)": "bắt buộc (ảnh cho thấy gì, bằng tiếng Việt)",
  "is required (what the photo shows, in English)": "bắt buộc (ảnh cho thấy gì, bằng tiếng Anh)",
  "must be lowercase letters, digits and underscores":
    "chỉ gồm chữ thường không dấu, chữ số và dấu gạch dưới",
  "must be a date (YYYY-MM-DD)": "phải là ngày (năm-tháng-ngày)",
  "cannot change: delete the listing and add another":
    "không đổi được: hãy xóa niêm yết này và thêm niêm yết mới",
  "is set by the channel's retailer key": "do khóa API của nhà bán lẻ cập nhật",
  "is not an email address": "không phải địa chỉ thư điện tử",
  "must be editor or publisher": "phải là biên tập viên hoặc người duyệt đăng",
  "you cannot disable your own account (ask another publisher)":
    "không thể tự vô hiệu hóa tài khoản của mình (hãy nhờ người duyệt đăng khác)",
  "is reserved (a path of the editor pages)": "trùng với đường dẫn của trang quản trị, hãy chọn slug khác",
  "unknown field": "trường không được phép",
  "This needs the 'publisher' role": "Việc này cần vai trò người duyệt đăng.",
  "The file is not a JPEG, PNG or WebP image (judged by its contents, not its name)":
    "Tệp không phải ảnh JPEG, PNG hay WebP (xét theo nội dung tệp, không theo tên)",
};

/** Reasons with a value in them: [English shape, Vietnamese]. */
const SHAPES: [RegExp, (...m: string[]) => string][] = [
  [/^Too small: expected (\w+) to have >=?(\d+) (\w+)/, (_, __, n, u) => `cần ít nhất ${n} ${UNIT[u] ?? u}`],
  [
    /^Too small: expected \w+ to be >(=?)(\S+)/,
    (_, eq, n) => (eq ? `phải từ ${n} trở lên` : `phải lớn hơn ${n}`),
  ],
  [/^Too big: expected (\w+) to have <=?(\d+) (\w+)/, (_, __, n, u) => `tối đa ${n} ${UNIT[u] ?? u}`],
  [
    /^Too big: expected \w+ to be <(=?)(\S+)/,
    (_, eq, n) => (eq ? `không được lớn hơn ${n}` : `phải nhỏ hơn ${n}`),
  ],
  [/^Invalid input: expected \w+, received undefined/, () => "bắt buộc"],
  [/^Invalid input: expected (\w+), received/, (_, t) => TYPE[t] ?? "kiểu giá trị không đúng"],
  [
    /^Invalid option: expected one of (.*)$/,
    (_, v) => `phải là một trong: ${v.replaceAll("|", ", ").replaceAll('"', "")}`,
  ],
  [/^Invalid input: expected (.*)$/, (_, v) => `phải là ${v.replaceAll('"', "")}`],
  [
    /^a (\w+) needs at least one https source before it is published$/,
    (_, e) => `${entity(e)} cần ít nhất một nguồn https trước khi đăng`,
  ],
  [/^no (\w+) '(.*)' \(create it first\)$/, (_, e, k) => `chưa có ${entity(e)} '${k}' (hãy tạo trước)`],
  [/^no ([\w ]+) '(.*)'$/, (_, e, k) => `không có ${entity(e)} '${k}'`],
  [/^An? ([\w ]+) '(.*)' already exists$/, (_, e, k) => `Đã có ${entity(e)} '${k}'.`],
  [/^An account (.*) already exists$/, (_, k) => `Đã có tài khoản ${k}.`],
  [/^A record with this key already exists$/, () => "Đã có hồ sơ với khóa này."],
  [
    /^The listing (\S+) belongs to its channel's retailer API key/,
    (_, k) =>
      `Niêm yết ${k} thuộc khóa API của nhà bán lẻ: trạng thái, giá, mã hàng, đường dẫn và cửa hàng do nhà bán lẻ cập nhật.`,
  ],
  [
    /^The channel '(.*)' has a retailer API key/,
    (_, k) => `Kênh '${k}' có khóa API của nhà bán lẻ: niêm yết của kênh do nhà bán lẻ gửi lên.`,
  ],
  [/^The photo is larger than (\d+) kB/, (_, n) => `Ảnh lớn hơn ${n} kB; hãy giảm kích thước`],
  // A retailer API key's input (src/domain/api-keys.ts) and its revocation (src/editor/keys/).
  [/^needs at least one of /, () => "cần chọn ít nhất một quyền"],
  [/^'(.*)' is not a scope \((.*)\)$/, (_, v, all) => `'${v}' không phải quyền của khóa (${all})`],
  [/^read is a read-only key: give it alone$/, () => "khóa chỉ đọc không đi cùng quyền khác"],
  [
    /^'(.*)' is not a date such as (\S+)$/,
    (_, v, d) => `'${v}' không phải là ngày (năm-tháng-ngày, như ${d})`,
  ],
  [/^(.*) is not in the future$/, (_, v) => `${v} đã qua: ngày hết hạn phải sau hôm nay`],
  [/^at most (\d+) characters$/, (_, n) => `tối đa ${n} ký tự`],
  [
    /^No active API key with prefix '(.*)'$/,
    (_, k) => `Không có khóa API đang dùng nào bắt đầu bằng '${k}'.`,
  ],
  [/^Invalid/, () => "không hợp lệ"],
];

/**
 * One field's error in the page's language.
 * @example fieldMessage("Too big: expected string to have <=200 characters", "vi") // "tối đa 200 ký tự"
 */
export function fieldMessage(reason: string, lang: AdminLang): string {
  if (lang === "en") return reason;
  const exact = EXACT[reason];
  if (exact) return exact;
  for (const [shape, say] of SHAPES) {
    const m = shape.exec(reason);
    if (m) return say(...m);
  }
  return reason;
}
