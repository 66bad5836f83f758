// A producer's own pages' paths, navigation label and words, in both languages.
import type { AdminLang } from "../ui/strings.ts";

export const PROFILE_PATHS: Record<AdminLang, { profile: string; product: string; photo: string }> = {
  vi: { profile: "/quan-tri/ho-so", product: "/quan-tri/ho-so/san-pham", photo: "anh" },
  en: { profile: "/en/admin/profile", product: "/en/admin/profile/products", photo: "photo" },
};
export const PROFILE_NAV: Record<AdminLang, string> = { vi: "Hồ sơ của cơ sở", en: "Your profile" };

export const UI = {
  vi: {
    title: "Hồ sơ của cơ sở",
    lede: "Cơ sở đề xuất thông tin muốn công bố: liên hệ công khai, mô tả, quy cách và giá, ảnh. Biên tập viên của Trung tâm xem lại rồi mới đăng; khi đăng, trang ghi rõ thông tin do chính cơ sở cung cấp, kèm ngày.",
    pending: "Có một đề xuất đang chờ biên tập viên duyệt; biểu mẫu hiện nội dung đề xuất đó.",
    sent: "Đã gửi đề xuất. Biên tập viên sẽ xem lại trước khi đăng.",
    send: "Gửi đề xuất cho biên tập viên",
    products: "Sản phẩm của cơ sở",
    noProducts: "Danh mục chưa có sản phẩm nào của cơ sở.",
    product: (name: string) => `Đề xuất cho sản phẩm: ${name}`,
    photo: "Ảnh",
    upload: "Gửi ảnh",
    stale: "Hồ sơ vừa được thay đổi; hãy xem lại rồi gửi lại.",
    back: "Về hồ sơ của cơ sở",
  },
  en: {
    title: "Your profile",
    lede: "Propose what you want published: a public contact, descriptions, the packs and prices you sell, photos. The centre's editors review a proposal before publishing it; the page then says that the producer itself stated it, with the date.",
    pending: "A proposal is waiting for an editor's review; the form shows it.",
    sent: "Proposal sent. An editor reviews it before it is published.",
    send: "Send to the editors",
    products: "Your products",
    noProducts: "The catalogue has no product of yours yet.",
    product: (name: string) => `Proposal for the product: ${name}`,
    photo: "Photo",
    upload: "Send the photo",
    stale: "The record just changed; check it and send again.",
    back: "Back to your profile",
  },
} as const;
