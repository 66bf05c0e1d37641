/**
 * Schema of the reference catalog: glossary terms (G), tools (T), the works
 * the original Q&A cited (A) and further literature (L). Question pages cite
 * entries by id; the References page lists them all with backlinks.
 */
import * as z from 'zod';

const httpsUrl = z.url({ protocol: /^https$/, error: 'links must be https URLs' });

export const glossaryEntrySchema = z.strictObject({
  id: z.string().regex(/^G\d{1,3}$/),
  kind: z.literal('glossary'),
  term: z.string().min(2),
  definition: z
    .string()
    .min(20)
    .refine((d) => !d.includes('\n'), 'a glossary definition is one line'),
});

export const toolEntrySchema = z.strictObject({
  id: z.string().regex(/^T\d{1,3}$/),
  kind: z.literal('tool'),
  name: z.string().min(2),
  purpose: z.string().min(10),
  url: httpsUrl,
});

export const literatureEntrySchema = z.strictObject({
  id: z.string().regex(/^[AL]\d{1,3}$/),
  kind: z.literal('literature'),
  /** Full APA 7 citation without the DOI/URL, which is rendered from the fields below. */
  citation: z.string().min(20),
  /** Only when the DOI is known to be right. */
  doi: z
    .string()
    .regex(/^10\.\d{4,9}\/\S+$/, 'a DOI looks like 10.1145/2408776.2408794')
    .optional(),
  /** Only when the address is known to be right; prefer the DOI when both exist. */
  url: httpsUrl.optional(),
  /** One line: what a reader of this handbook gets from the work. */
  note: z.string().min(10),
});

export const referenceEntrySchema = z.discriminatedUnion('kind', [glossaryEntrySchema, toolEntrySchema, literatureEntrySchema]);

export type GlossaryEntry = z.infer<typeof glossaryEntrySchema>;
export type ToolEntry = z.infer<typeof toolEntrySchema>;
export type LiteratureEntry = z.infer<typeof literatureEntrySchema>;
export type ReferenceEntry = z.infer<typeof referenceEntrySchema>;

export { compareReferenceIds, referenceAnchor, referenceHref, referenceLabel } from './format';
