// Discord's message limits (https://discord.com/developers/docs/resources/message#embed-object-embed-limits).
export const LIMITS = {
  content: 2000,
  embedsPerMessage: 10,
  title: 256,
  description: 4096,
  fields: 25,
  fieldName: 256,
  fieldValue: 1024,
  footer: 2048,
  /** Over all the embeds of one message: titles, descriptions, field names and values, footers. */
  embedTotal: 6000,
} as const;
