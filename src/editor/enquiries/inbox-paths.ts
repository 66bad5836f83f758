// Where the enquiry inbox lives in the back office (shared by the editors' nav and the inbox's routes).
import type { AdminLang } from "../ui/strings.ts";

export const INBOX_PATHS: Record<AdminLang, { inbox: string; invite: string }> = {
  vi: { inbox: "/quan-tri/hoi-mua", invite: "/quan-tri/hoi-mua/moi-co-so" },
  en: { inbox: "/en/admin/enquiries", invite: "/en/admin/enquiries/invite-producer" },
};

export const INBOX_NAV: Record<AdminLang, string> = { vi: "Hỏi mua", en: "Enquiries" };
