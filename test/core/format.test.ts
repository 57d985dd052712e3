import { describe, expect, it } from 'vitest';
import { cnDate, cnNumber, headingNumber, money, num, qty, targetText, withBound } from '../../pipeline/core/format.js';

describe('Chinese office number formats', () => {
  it('writes dates without zero padding', () => {
    expect(cnDate('2022-12-28')).toBe('2022年12月28日');
    expect(cnDate('2024-01-05')).toBe('2024年1月5日');
  });
  it('numbers headings 一、（一）1.（1）', () => {
    expect(headingNumber(1, 1)).toBe('一、');
    expect(headingNumber(1, 9)).toBe('九、');
    expect(headingNumber(2, 10)).toBe('（十）');
    expect(headingNumber(3, 3)).toBe('3.');
    expect(headingNumber(4, 12)).toBe('（12）');
    expect(cnNumber(21)).toBe('二十一');
    expect(cnNumber(100)).toBe('一百');
    expect(cnNumber(105)).toBe('一百零五');
  });
  it('writes quantities with their unit and no trailing zeros', () => {
    expect(num(544.2)).toBe('544.2');
    expect(num(2.75)).toBe('2.75');
    expect(num(1.0)).toBe('1');
    expect(qty(674, '亿元')).toBe('674亿元');
    expect(money(12345, '万元')).toBe('1.23亿元');
    expect(money(0.5, '亿元')).toBe('5000万元');
  });
  it('puts bound words where Chinese puts them', () => {
    expect(withBound('30个', '不少于')).toBe('不少于30个');
    expect(withBound('1000亩', '以上')).toBe('1000亩以上');
    expect(targetText({ measure: 'growth', value: 7, unit: '%' })).toBe('增长7%');
    expect(targetText({ measure: 'growth', value: 15, unit: '%', bound: '左右' })).toBe('增长15%左右');
    expect(targetText({ measure: 'growth', value: 8, unit: '%', bound: '以上', annual: true, strive: true })).toBe('力争年均增长8%以上');
    expect(targetText({ measure: 'ratio', value: 3.1, unit: '%' })).toBe('达到3.1%');
    expect(targetText({ measure: 'level', value: 1000, unit: '亿元', bound: '超过' })).toBe('超过1000亿元');
    expect(targetText({ measure: 'growth', text: '与经济增长基本同步' })).toBe('与经济增长基本同步');
  });
});
