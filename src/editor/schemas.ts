/**
 * What editors write: products, producers and recognitions in the API's snake_case shape. The same schemas check
 * the admin API's bodies, the CSV import's rows and the editor pages' forms, so a value refused in one is refused
 * in all. Provenance that applies only when a record goes public is checked by {@link publishProblems}.
 *
 * The parts, in ./schemas/: fields.ts (the fields records are made of), records.ts (the records and their patches)
 * and provenance.ts (publishing's provenance rule and how provenance is settled). Import from this module.
 */
export {
  httpsUrl,
  longText,
  NOT_STATED,
  NOT_STATED_WORDS,
  optionalText,
  RESERVED_SLUGS,
  slugSchema,
  text,
  year,
} from "./schemas/fields.ts";
export {
  applyLegacyFlags,
  provenanceField,
  publishProblems,
  type Settled,
  settleProvenance,
} from "./schemas/provenance.ts";
export {
  Packaging,
  ProducerPatch,
  ProducerRecord,
  ProductPatch,
  ProductRecord,
  producerFields,
  productFields,
  RecognitionInput,
  RecognitionPatch,
  RecognitionRecord,
} from "./schemas/records.ts";
