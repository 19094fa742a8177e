import { z } from 'zod';
import { bodySchema, emptyBody, type BodyDoc } from './body';
import { isSafeLinkUrl } from './links';
import { fieldPaths, releaseField, type FieldKind, type FieldPath, type ReleaseFieldTable } from './fields';
import { bodyBytesWithin, bodyCharactersWithin, releaseTooLong } from './limits';
import { bodyPhotoAttributesSchema, photoPlacementSchema } from './photo';

export { photoIdSchema, photoPlacementSchema, type PhotoPlacement } from './photo';

const isoDateSchema = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date as YYYY-MM-DD')
  .refine((value) => {
    const date = new Date(`${value}T00:00:00Z`);
    return !Number.isNaN(date.getTime()) && date.toISOString().startsWith(value);
  }, 'is not a real date');

/** An empty string while the writer has not filled it in yet. */
const optional = <T extends z.ZodType<string>>(schema: T) => z.union([z.literal(''), schema]);

export function isKnownTimeZone(zone: string): boolean {
  if (zone.trim() === '') return false;
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

export const releaseLineSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('immediate') }),
  z.object({
    kind: z.literal('embargoed'),
    date: optional(isoDateSchema),
    time: optional(z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'must be a time as HH:MM')),
    // Required from the moment "Embargoed until" is chosen: an embargo without a
    // time zone is ambiguous by hours, the bug peers' users complain about most.
    timeZone: z.string().refine(isKnownTimeZone, 'must be a time zone such as Europe/London'),
  }),
]);

const markSchema = z.discriminatedUnion('type', [
  z.object({ type: z.enum(['bold', 'italic', 'underline']) }).strict(),
  z.object({ type: z.literal('comment'), attrs: z.object({ commentId: z.uuid() }).strict() }).strict(),
  z
    .object({
      type: z.literal('link'),
      attrs: z
        .object({
          href: z.string().refine(isSafeLinkUrl, 'links may only go to http, https or mailto addresses'),
          target: z.string().nullable().optional(),
          rel: z.string().nullable().optional(),
          class: z.string().nullable().optional(),
          title: z.string().nullable().optional(),
        })
        .strict(),
    })
    .strict(),
]);

const attributeValueSchema = z.union([z.string().max(5000), z.number(), z.boolean(), z.null()]);

/**
 * What each kind of node may carry. A photo's attributes are its placement,
 * checked by the same schema as the lead photo; a subheading is level 2 or 3
 * (the headline is the only level 1); anything else is a plain value.
 */
const attributesSchemaFor = (type: string): z.ZodType =>
  type === 'figure'
    ? bodyPhotoAttributesSchema
    : type === 'heading'
      ? z.object({ level: z.literal([2, 3], 'subheadings in the body are level 2 or 3') }).catchall(attributeValueSchema)
      : z.record(z.string(), attributeValueSchema);

interface BodyNodeJson {
  type: string;
  attrs?: Record<string, unknown>;
  content?: BodyNodeJson[];
  marks?: z.infer<typeof markSchema>[];
  text?: string;
}

const bodyNodeSchema: z.ZodType<BodyNodeJson> = z.lazy(() =>
  z
    .object({
      type: z.string().refine((type) => type in bodySchema.nodes, 'is not a kind of content the body can hold'),
      attrs: z.record(z.string(), z.unknown()).optional(),
      content: z.array(bodyNodeSchema).optional(),
      marks: z.array(markSchema).optional(),
      text: z.string().optional(),
    })
    .strict()
    .superRefine((node, context) => {
      // Checked here, node by node, so a refusal names the field: "body.content.3.attrs.caption".
      // Most nodes carry no attributes; photos and subheadings must.
      if (node.attrs === undefined && node.type !== 'figure' && node.type !== 'heading') return;
      const attributes = attributesSchemaFor(node.type).safeParse(node.attrs ?? {});
      for (const issue of attributes.error?.issues ?? [])
        context.addIssue({ code: 'custom', message: issue.message, path: ['attrs', ...issue.path] });
    }),
);

export const maxBodyDepth = 32;

/** Iterative, so a hostile, deeply nested document cannot overflow the stack of the validator itself. */
function depthWithin(value: unknown, limit: number): boolean {
  const stack: [unknown, number][] = [[value, 1]];
  while (stack.length > 0) {
    const [node, depth] = stack.pop()!;
    if (depth > limit) return false;
    const content = (node as { content?: unknown })?.content;
    if (Array.isArray(content)) for (const child of content) stack.push([child, depth + 1]);
  }
  return true;
}

/**
 * limited: refused beyond the length limits (limits.ts), as everything written
 * is; what is read back is not, so a release saved before there were limits
 * still opens, to be shortened.
 */
const bodyDocSchemaOf = (limited: boolean) =>
  z
    .custom<unknown>((value) => depthWithin(value, maxBodyDepth), `the body is nested more than ${maxBodyDepth} levels deep`)
    // Before the node-by-node checks, so an oversized body costs one pass, not the seconds those take.
    .pipe(z.custom<unknown>((value) => !limited || bodyBytesWithin(value), releaseTooLong))
    .pipe(bodyNodeSchema)
    .superRefine((json, context) => {
      if (json.type !== 'doc') {
        context.addIssue({ code: 'custom', message: 'the body must be a document' });
        return;
      }
      if (limited && !bodyCharactersWithin(json)) {
        context.addIssue({ code: 'custom', message: releaseTooLong });
        return;
      }
      try {
        bodySchema.nodeFromJSON(json).check();
      } catch (error) {
        context.addIssue({ code: 'custom', message: `the body is not well formed (${(error as Error).message})` });
      }
    })
    .transform((json) => json as BodyDoc);

export const bodyDocSchema = bodyDocSchemaOf(true);

export const languageSchema = z.enum(['en', 'ar']);
export type Language = z.infer<typeof languageSchema>;

/** Each kind of field's schema; a text field's limit is its own, from the table. */
const kindSchemas = {
  language: languageSchema,
  releaseLine: releaseLineSchema,
  text: z.string(),
  date: optional(isoDateSchema),
  photo: photoPlacementSchema.nullable(),
  body: bodyDocSchema,
} satisfies Record<FieldKind, z.ZodType>;

type SchemaOf<Path extends FieldPath> = (typeof kindSchemas)[ReleaseFieldTable[Path]['kind']];
type TopKey<Path extends string> = Path extends `${infer Top}.${string}` ? Top : Path;
/** The table's paths as a zod shape: "dateline.city" becomes city in a dateline object. */
type ReleaseShape = {
  [Top in TopKey<FieldPath>]: Top extends FieldPath
    ? SchemaOf<Top>
    : z.ZodObject<{ [Path in FieldPath as Path extends `${Top}.${infer Inner}` ? Inner : never]: SchemaOf<Path> }>;
};

function releaseShape(body: typeof bodyDocSchema): ReleaseShape {
  const shape: Record<string, z.ZodType | Record<string, z.ZodType>> = {};
  for (const path of fieldPaths) {
    const field = releaseField(path);
    const schema = field.kind === 'text' ? z.string().max(field.maxLength) : field.kind === 'body' ? body : kindSchemas[field.kind];
    const [top, inner] = path.split('.') as [string, string | undefined];
    if (inner === undefined) shape[top] = schema;
    else shape[top] = { ...(shape[top] as Record<string, z.ZodType>), [inner]: schema };
  }
  return Object.fromEntries(
    Object.entries(shape).map(([key, schema]) => [key, schema instanceof z.ZodType ? schema : z.object(schema)]),
  ) as ReleaseShape;
}

/** Made from the table in fields.ts: its fields, in its order, with its limits. What may be written. */
export const releaseContentSchema = z.object(releaseShape(bodyDocSchema));

/** A release as read back from the store: the same, except that its body may be longer than may be saved now. */
export const savedReleaseContentSchema = z.object(releaseShape(bodyDocSchemaOf(false)));

export type ReleaseLine = z.infer<typeof releaseLineSchema>;
export type ReleaseContent = z.infer<typeof releaseContentSchema>;

export const defaultEndMark = '###';

export const emptyReleaseContent = (): ReleaseContent => ({
  language: 'en',
  releaseLine: { kind: 'immediate' },
  headline: '',
  subheadline: '',
  dateline: { city: '', date: '' },
  leadPhoto: null,
  body: emptyBody(),
  boilerplate: '',
  mediaContact: '',
  signOff: '',
  endMark: defaultEndMark,
});
