// Gateway payloads a test dispatches: an INTERACTION_CREATE as Discord sends it, with the fields
// discord.js needs (platform notes) and a guild member with or without Manage Server.
let counter = 0;

export interface OptionPayload {
  name: string;
  type: number;
  value?: string | number;
  focused?: boolean;
}

export function interactionPayload(
  applicationId: string,
  data: { name: string; options?: OptionPayload[]; type?: number; targetId?: string; resolved?: unknown },
  opts: { kind?: 2 | 4; permissions?: string; userId?: string } = {},
): any {
  const n = ++counter;
  const user = { id: opts.userId ?? '600000000000000001', username: 'reader', discriminator: '0', global_name: 'Reader', avatar: null };
  return {
    id: String(500000000000000000n + BigInt(n)),
    application_id: applicationId,
    type: opts.kind ?? 2,
    token: `itoken-${n}`,
    version: 1,
    guild_id: '400000000000000001',
    channel_id: '700000000000000001',
    channel: { id: '700000000000000001', type: 0, guild_id: '400000000000000001', name: 'news' },
    member: { user, roles: [], permissions: opts.permissions ?? '0', joined_at: '2026-01-01T00:00:00.000Z', deaf: false, mute: false, flags: 0 },
    app_permissions: '0',
    locale: 'en-US',
    guild_locale: 'en-US',
    entitlements: [],
    authorizing_integration_owners: { '0': '400000000000000001' },
    context: 0,
    data: {
      id: String(300000000000000000n + BigInt(n)),
      name: data.name,
      type: data.type ?? 1,
      ...(data.options ? { options: data.options } : {}),
      ...(data.targetId ? { target_id: data.targetId } : {}),
      ...(data.resolved ? { resolved: data.resolved } : {}),
    },
  };
}
