// The enquiry pages' words, Vietnamese and English (the form, its errors, the thank-you page, the privacy notice).
import type { Lang } from "../ui/i18n/index.ts";
import type { FieldError } from "./rules.ts";

const vi = {
  title: "Hỏi mua",
  formTitle: (about: string) => `Hỏi mua: ${about}`,
  lede: "Gửi câu hỏi cho cơ sở qua Trung tâm Khuyến công và Xúc tiến thương mại Cao Bằng. Cơ sở hoặc Trung tâm sẽ liên hệ lại với bạn.",
  kindLede:
    "Chưa có cơ sở nào được ghi nhận cho loại sản phẩm này: câu hỏi của bạn được gửi đến Trung tâm Khuyến công và Xúc tiến thương mại Cao Bằng, nơi kết nối người mua với cơ sở sản xuất. Trung tâm sẽ liên hệ lại với bạn.",
  kind: "Bạn hỏi để",
  quantity: "Số lượng (không bắt buộc)",
  quantityHint: "Ví dụ: 20 gói, 1 tấn mỗi tháng",
  message: "Câu hỏi",
  name: "Họ tên",
  email: "Email",
  phone: "Số điện thoại",
  contactHint: "Điền email hoặc số điện thoại (ít nhất một). Chúng tôi không công bố liên hệ của bạn.",
  organisation: "Cửa hàng, chuỗi hoặc doanh nghiệp (không bắt buộc)",
  consent:
    "Tôi đồng ý để Trung tâm Khuyến công và Xúc tiến thương mại Cao Bằng lưu các thông tin trên và chuyển họ tên, liên hệ và câu hỏi của tôi cho cơ sở sản xuất để trả lời.",
  privacyLink: "Thông tin được lưu, lưu bao lâu và cách yêu cầu xóa",
  honeypot: "Để trống ô này",
  send: "Gửi câu hỏi",
  errorSummary: "Chưa gửi được. Vui lòng sửa:",
  fast: "Biểu mẫu được gửi quá nhanh. Vui lòng kiểm tra lại rồi bấm Gửi.",
  stale: "Biểu mẫu đã cũ. Thông tin của bạn vẫn còn; vui lòng bấm Gửi lại.",
  limited: "Hôm nay đã có quá nhiều câu hỏi từ địa chỉ này hoặc gửi cơ sở này. Vui lòng thử lại sau.",
  thanksTitle: "Cảm ơn bạn đã hỏi",
  thanksText:
    "Câu hỏi của bạn đã được gửi đến Trung tâm Khuyến công và Xúc tiến thương mại Cao Bằng và, nếu bạn hỏi về một sản phẩm hay một cơ sở, đến cơ sở sản xuất. Họ sẽ liên hệ với bạn qua email hoặc điện thoại bạn đã để lại.",
  thanksBack: "Quay lại danh mục sản phẩm",
  notForIllustrative: "Đây là ví dụ minh họa, không phải sản phẩm thật: không thể hỏi mua.",
  privacyTitle: "Quyền riêng tư khi hỏi mua",
  errors: {
    required: "Vui lòng điền ô này.",
    too_long: "Quá dài.",
    bad_email: "Email không đúng định dạng (ví dụ: ten@example.com).",
    bad_phone: "Số điện thoại Việt Nam không đúng (ví dụ: 0912 345 678).",
    bad_kind: "Vui lòng chọn một mục.",
    contact_required: "Vui lòng điền email hoặc số điện thoại.",
    consent_required: "Vui lòng đánh dấu đồng ý để chúng tôi chuyển câu hỏi cho cơ sở.",
    bad_consent_version: "Nội dung đồng ý đã thay đổi; vui lòng đọc và đánh dấu lại.",
    bad_slug: "Sản phẩm không hợp lệ.",
    subject_required: "Vui lòng chọn sản phẩm hoặc cơ sở để hỏi.",
    unknown_product: "Không có sản phẩm này trong danh mục.",
    unknown_producer: "Không có cơ sở này trong danh mục.",
    unknown_kind: "Không có loại sản phẩm này trong danh mục.",
    illustrative: "Đây là ví dụ minh họa, không phải sản phẩm thật: không thể hỏi mua.",
    bad_token: "Biểu mẫu không hợp lệ; vui lòng gửi lại.",
  } satisfies Record<FieldError, string>,
};

const en: typeof vi = {
  title: "Enquire to buy",
  formTitle: (about) => `Enquire to buy: ${about}`,
  lede: "Ask the producer through Cao Bằng's trade-promotion centre (Trung tâm Khuyến công và Xúc tiến thương mại). The producer or the centre will contact you.",
  kindLede:
    "No producer of this kind is recorded yet: your enquiry goes to Cao Bằng's trade-promotion centre (Trung tâm Khuyến công và Xúc tiến thương mại), which connects buyers with producers. The centre will contact you.",
  kind: "You ask",
  quantity: "Quantity (optional)",
  quantityHint: "For example: 20 packs, 1 tonne a month",
  message: "Your question",
  name: "Your name",
  email: "Email",
  phone: "Phone number",
  contactHint: "Give an email address or a phone number (at least one). We never publish your contact.",
  organisation: "Shop, chain or company (optional)",
  consent:
    "I agree that Cao Bằng's trade-promotion centre keeps the details above and passes my name, contact and question to the producer so that it can answer.",
  privacyLink: "What is kept, for how long, and how to have it deleted",
  honeypot: "Leave this field empty",
  send: "Send the enquiry",
  errorSummary: "Not sent yet. Please correct:",
  fast: "The form was sent too fast. Please check it and press Send.",
  stale: "The form had grown old. Your details are kept; please press Send again.",
  limited: "Too many enquiries from this address or to this producer today. Please try again later.",
  thanksTitle: "Thank you for your enquiry",
  thanksText:
    "Your enquiry has gone to Cao Bằng's trade-promotion centre and, if you asked about a product or a producer, to the producer. They will contact you by the email or phone you gave.",
  thanksBack: "Back to the products",
  notForIllustrative: "This is an illustrative example, not a real product: it takes no enquiries.",
  privacyTitle: "Privacy of enquiries",
  errors: {
    required: "Please fill this in.",
    too_long: "Too long.",
    bad_email: "Not an email address (for example: name@example.com).",
    bad_phone: "Not a Vietnamese phone number (for example: 0912 345 678).",
    bad_kind: "Please choose one.",
    contact_required: "Please give an email address or a phone number.",
    consent_required: "Please tick the consent so that we can pass your enquiry to the producer.",
    bad_consent_version: "The consent text has changed; please read it and tick it again.",
    bad_slug: "Not a valid product.",
    subject_required: "Please choose a product or a producer to ask about.",
    unknown_product: "There is no such product in the catalogue.",
    unknown_producer: "There is no such producer in the catalogue.",
    unknown_kind: "There is no such product kind in the catalogue.",
    illustrative: "This is an illustrative example, not a real product: it takes no enquiries.",
    bad_token: "The form is not valid; please send it again.",
  },
};

export const ENQUIRY_STRINGS: Record<Lang, typeof vi> = { vi, en };

/**
 * The privacy notice (Decree 13/2023/NĐ-CP on personal data protection): what is kept, why, who receives it, for
 * how long, and how to have it deleted. Kept in step with docs/enquiries.md and the retention sweep (src/editor/enquiries/retention.ts).
 */
export const PRIVACY_NOTICE: Record<Lang, { heading: string; text: string }[]> = {
  vi: [
    {
      heading: "Thông tin được lưu",
      text: "Họ tên, email và/hoặc số điện thoại, tên tổ chức (nếu bạn điền), câu hỏi, số lượng, sản phẩm bạn hỏi, thời điểm gửi, phiên bản nội dung đồng ý, và một mã băm (không thể đảo ngược) của địa chỉ mạng để giới hạn số câu hỏi mỗi ngày.",
    },
    {
      heading: "Mục đích và người nhận",
      text: "Chỉ để trả lời câu hỏi của bạn: Trung tâm Khuyến công và Xúc tiến thương mại Cao Bằng đọc câu hỏi và chuyển cho cơ sở sản xuất được hỏi. Liên hệ của bạn không bao giờ xuất hiện trên trang web, API, nguồn dữ liệu hay tiêu đề email, và không được dùng cho quảng cáo.",
    },
    {
      heading: "Thời gian lưu",
      text: "Họ tên, liên hệ, tổ chức và câu hỏi được xóa tự động 12 tháng sau khi yêu cầu được đóng hoặc trả lời, và chậm nhất 24 tháng sau khi gửi (30 ngày với tin rác). Chỉ còn lại loại câu hỏi, sản phẩm và ngày gửi để thống kê.",
    },
    {
      heading: "Quyền của bạn",
      text: "Theo Nghị định 13/2023/NĐ-CP, bạn có quyền xem, sửa, rút lại sự đồng ý và yêu cầu xóa dữ liệu của mình. Liên hệ Trung tâm Khuyến công và Xúc tiến thương mại Cao Bằng (Sở Công Thương Cao Bằng) và cho biết sản phẩm bạn đã hỏi và ngày gửi; biên tập viên sẽ xóa các thông tin cá nhân ngay.",
    },
  ],
  en: [
    {
      heading: "What is kept",
      text: "Your name, email and/or phone number, organisation (if given), question, quantity, the product asked about, when it was sent, the version of the consent text, and a one-way keyed hash of your network address used only for the daily limit.",
    },
    {
      heading: "Why, and who receives it",
      text: "Only to answer your enquiry: Cao Bằng's trade-promotion centre (Trung tâm Khuyến công và Xúc tiến thương mại) reads it and passes it to the producer asked. Your contact never appears on the website, in the API, the data feeds or an email subject, and is never used for marketing.",
    },
    {
      heading: "For how long",
      text: "Your name, contact, organisation and question are erased automatically 12 months after the enquiry is answered or closed, and at the latest 24 months after it was sent (30 days for spam). Only the kind of enquiry, the product and the date remain, for statistics.",
    },
    {
      heading: "Your rights",
      text: "Under Decree 13/2023/NĐ-CP you may see, correct, withdraw your consent and have your data deleted. Contact Cao Bằng's trade-promotion centre (Department of Industry and Trade of Cao Bằng) with the product you asked about and the date; an editor erases the personal details at once.",
    },
  ],
};
