// The enquiry that the catalogue's product and producer pages embed: its heading, lede and form, the form's stamp and
// the form's own pages. The route manifest (src/routes.ts) hands it to the catalogue (src/ui/enquiry-embed.ts).
import type { EnquiryEmbed } from "../ui/enquiry-embed.ts";
import { EnquiryForm } from "./form.tsx";
import { enquiryPages } from "./pages.tsx";
import { pageStamp } from "./stamp.ts";
import { ENQUIRY_STRINGS } from "./strings.ts";

export const enquiryEmbed: EnquiryEmbed = {
  stamp: (secret, subject) =>
    pageStamp(secret, "product" in subject ? `product:${subject.product}` : `producer:${subject.producer}`),
  block: (lang, subject, stamp) => ({
    title: ENQUIRY_STRINGS[lang].title,
    lede: ENQUIRY_STRINGS[lang].lede,
    form: <EnquiryForm lang={lang} subject={subject} stamp={stamp} />,
  }),
  pages: enquiryPages,
};
