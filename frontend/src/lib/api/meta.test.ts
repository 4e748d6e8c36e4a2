import { describe, expect, it } from 'vitest';
import { BUNDLED_ENUMS, enumLabel, labelOf } from './meta';

describe('enum labels', () => {
  it('ships the labels, so a code is named before /meta/enums answers', () => {
    expect(enumLabel('stages', 'negotiation')).toBe('项目洽谈');
    expect(enumLabel('stages', 'operating')).toBe('已投产');
    expect(enumLabel('ticket_sources', 'service_request')).not.toBe('service_request');
    expect(BUNDLED_ENUMS.letter_kinds.map((k) => k.label)).toEqual(['交办函', '督办函', '通报']);
  });

  it('never shows the code itself', () => {
    expect(labelOf(undefined, 'negotiation')).toBe('未知');
    expect(labelOf(BUNDLED_ENUMS.stages, 'no-such-stage')).toBe('未知');
    expect(labelOf(BUNDLED_ENUMS.stages, null)).toBe('—');
  });
});
