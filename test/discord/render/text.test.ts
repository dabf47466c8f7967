import { describe, expect, test } from 'vitest';
import { codeText, escapeText, neutraliseMentions, padEnd, padStart, truncate } from '../../../src/discord/render/text.js';

describe('escapeText', () => {
  test.each([
    ['@everyone <@&1> **x**', '@\u200beveryone \\<@&1> \\*\\*x\\*\\*'],
    ['@here', '@\u200bhere'],
    ['<@123> and <#456> and <t:1:R> and </cmd:1>', '\\<@123> and \\<#456> and \\<t:1:R> and \\</cmd:1>'],
    ['_under_ ~~strike~~ ||spoiler||', '\\_under\\_ \\~\\~strike\\~\\~ \\|\\|spoiler\\|\\|'],
    ['[click](https://evil.example)', '\\[click](https://evil.example)'],
    ['# Heading', '\\# Heading'],
    ['> quote', '\\> quote'],
    ['line one\n# line two', 'line one # line two'],
    ['Académie SOAR', 'Académie SOAR'],
    ['a `code` name', 'a \\`code\\` name'],
  ])('GIVEN %j THEN %j', (input, expected) => {
    expect(escapeText(input)).toBe(expected);
    // Kept after the first time (text.ts): the same answer again, and after the kept texts start afresh.
    expect(escapeText(input)).toBe(expected);
    for (let i = 0; i < 20_001; i++) escapeText(`Club ${i} _${i}_`);
    expect(escapeText(input)).toBe(expected);
    expect(escapeText('_a_ 1')).toBe('\\_a\\_ 1');
  });
});

test('neutraliseMentions leaves ordinary text and e-mail-like text alone', () => {
  expect(neutraliseMentions('a < b and x@y.z')).toBe('a < b and x@y.z');
});

test('codeText removes what could close a code block or ping', () => {
  expect(codeText('```@everyone\nx`')).toBe("'''@\u200beveryone x'");
  expect(codeText('<@&1> <#2>')).toBe('<\u200b@&1> <\u200b#2>');
});

describe('truncate', () => {
  test.each([
    ['short', 10, 'short'],
    ['exactly10!', 10, 'exactly10!'],
    ['this is too long', 10, 'this is t…'],
    ['😀😀😀😀😀😀', 5, '😀😀…'],
    ['anything', 0, ''],
  ])('truncate(%j, %i) = %j', (text, max, expected) => {
    const out = truncate(text, max);
    expect(out).toBe(expected);
    expect(out.length).toBeLessThanOrEqual(max);
  });
});

test('padEnd and padStart give fixed widths, cutting long text', () => {
  expect(padEnd('ab', 4)).toBe('ab  ');
  expect(padStart('ab', 4)).toBe('  ab');
  expect(padEnd('abcdef', 4)).toBe('abc…');
});
