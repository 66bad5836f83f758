// Who asks and why, in the pages' words: the enquiry form (src/enquiries/form.tsx), its emails and the centre's
// inbox (src/editor/enquiries/) name an enquiry's kind the same way.
import type { ENQUIRY_KINDS } from "../platform/db/schema.ts";
import type { Lang } from "./i18n/index.ts";

export const KIND_LABELS: Record<Lang, Record<(typeof ENQUIRY_KINDS)[number], string>> = {
  vi: {
    self: "Mua để dùng",
    wholesale: "Mua sỉ",
    chain: "Đưa vào chuỗi bán lẻ",
    export: "Xuất khẩu",
    other: "Khác",
  },
  en: {
    self: "To buy for myself",
    wholesale: "Wholesale",
    chain: "To stock in a retail chain",
    export: "Export",
    other: "Other",
  },
};
