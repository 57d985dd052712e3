import { describe, expect, it } from 'vitest';
import {
  bullets,
  chartRenumbering,
  notesParagraphs,
  onePPrPerParagraph,
  packageOrder,
  patchChart,
  patchCore,
  patchRuns,
  patchTheme,
  type PackageOptions,
} from '../../pipeline/render/slides/ooxml.js';

const opts: PackageOptions = { fonts: { heading: '黑体', body: '微软雅黑', fallback: '宋体' }, lang: 'zh-CN', bulletColor: 'C8102E', date: '2022-12-28' };

describe('package finishing', () => {
  it('gives a bare run Latin, East-Asian and complex-script fonts and zh-CN', () => {
    expect(patchRuns('<a:r><a:rPr lang="en-US" dirty="0"/><a:t>甲</a:t></a:r>', opts, true)).toBe(
      '<a:r><a:rPr lang="zh-CN" dirty="0"><a:latin typeface="微软雅黑" pitchFamily="34" charset="0"/><a:ea typeface="微软雅黑" pitchFamily="34" charset="-122"/><a:cs typeface="微软雅黑" pitchFamily="34" charset="-120"/></a:rPr><a:t>甲</a:t></a:r>',
    );
  });

  it('keeps a run’s own font, fills an empty ea, and puts fonts before a hyperlink', () => {
    const out = patchRuns('<a:rPr b="1"><a:solidFill><a:srgbClr val="000000"/></a:solidFill><a:latin typeface="黑体"/><a:ea typeface=""/><a:hlinkClick r:id="rId2"/></a:rPr>', opts, true);
    expect(out).toBe(
      '<a:rPr b="1" lang="zh-CN"><a:solidFill><a:srgbClr val="000000"/></a:solidFill><a:latin typeface="黑体" pitchFamily="34" charset="0"/><a:ea typeface="黑体" pitchFamily="34" charset="-122"/><a:cs typeface="黑体" pitchFamily="34" charset="-120"/><a:hlinkClick r:id="rId2"/></a:rPr>',
    );
  });

  it('keeps theme references in masters but not on slides', () => {
    const xml = '<a:defRPr sz="1200"><a:latin typeface="+mn-lt"/><a:ea typeface="+mn-ea"/><a:cs typeface="+mn-cs"/></a:defRPr>';
    expect(patchRuns(xml, opts, false)).toContain('<a:ea typeface="+mn-ea"/>');
    expect(patchRuns(xml, opts, true)).toContain('<a:ea typeface="微软雅黑"');
  });

  it('keeps one paragraph-properties element per paragraph, first', () => {
    const xml = '<a:p><a:pPr algn="l"/><a:r><a:t>a</a:t></a:r><a:pPr algn="l"><a:buNone/></a:pPr><a:r><a:t>b</a:t></a:r></a:p><a:p><a:r><a:t>c</a:t></a:r><a:pPr/></a:p>';
    expect(onePPrPerParagraph(xml)).toBe('<a:p><a:pPr algn="l"/><a:r><a:t>a</a:t></a:r><a:r><a:t>b</a:t></a:r></a:p><a:p><a:pPr/><a:r><a:t>c</a:t></a:r></a:p>');
  });

  it('colours bullets', () => {
    expect(bullets('<a:buSzPct val="100000"/><a:buChar char="&#x25A0;"/>', 'C8102E')).toBe('<a:buClr><a:srgbClr val="C8102E"/></a:buClr><a:buSzPct val="70000"/><a:buChar char="&#x25A0;"/>');
  });

  it('turns the notes’ line breaks into paragraphs', () => {
    const xml = '<p:txBody><a:bodyPr/><a:lstStyle/><a:p><a:r><a:rPr lang="en-US" dirty="0"/><a:t>第一段\n第二段</a:t></a:r><a:endParaRPr lang="en-US" dirty="0"/></a:p></p:txBody>';
    const out = notesParagraphs(xml);
    expect(out.match(/<a:p>/g)!.length).toBe(2);
    expect(out).toContain('<a:t>第一段</a:t>');
    expect(out).toContain('<a:t>第二段</a:t>');
  });

  it('fills the theme’s East-Asian slots and the Hans fallback', () => {
    const theme =
      '<a:majorFont><a:latin typeface="Calibri Light" panose="x"/><a:ea typeface=""/><a:cs typeface=""/><a:font script="Hans" typeface="DengXian Light"/></a:majorFont>' +
      '<a:minorFont><a:latin typeface="Calibri" panose="y"/><a:ea typeface=""/><a:cs typeface=""/><a:font script="Hans" typeface="DengXian"/></a:minorFont>';
    expect(patchTheme(theme, opts.fonts)).toBe(
      '<a:majorFont><a:latin typeface="黑体" panose="x"/><a:ea typeface="黑体"/><a:cs typeface=""/><a:font script="Hans" typeface="宋体"/></a:majorFont>' +
        '<a:minorFont><a:latin typeface="微软雅黑" panose="y"/><a:ea typeface="微软雅黑"/><a:cs typeface=""/><a:font script="Hans" typeface="宋体"/></a:minorFont>',
    );
  });

  it('sets the chart language, square corners and a chart-wide font', () => {
    const xml = '<c:chartSpace><c:date1904 val="0"/><c:roundedCorners val="1"/><c:chart></c:chart><c:spPr><a:noFill/></c:spPr><c:externalData r:id="rId1"/></c:chartSpace>';
    const out = patchChart(xml, opts);
    expect(out).toContain('<c:date1904 val="0"/><c:lang val="zh-CN"/><c:roundedCorners val="0"/>');
    expect(out).toMatch(/<\/c:spPr><c:txPr>.*<a:ea typeface="微软雅黑".*<\/c:txPr><c:externalData/);
  });

  it('numbers charts within the deck, whatever the process built before', () => {
    const names = ['ppt/charts/chart7.xml', 'ppt/charts/chart12.xml', 'ppt/charts/_rels/chart7.xml.rels', 'ppt/embeddings/Microsoft_Excel_Worksheet12.xlsx'];
    const r = chartRenumbering(names);
    expect(names.map(r)).toEqual(['ppt/charts/chart1.xml', 'ppt/charts/chart2.xml', 'ppt/charts/_rels/chart1.xml.rels', 'ppt/embeddings/Microsoft_Excel_Worksheet2.xlsx']);
    expect(r('<Override PartName="/ppt/charts/chart12.xml"/> Target="../charts/chart7.xml"')).toBe('<Override PartName="/ppt/charts/chart2.xml"/> Target="../charts/chart1.xml"');
  });

  it('dates the document from the meeting and orders parts for a stable zip', () => {
    const core = '<dcterms:created xsi:type="dcterms:W3CDTF">2031-01-01T10:00:00Z</dcterms:created><dcterms:modified xsi:type="dcterms:W3CDTF">2031-01-01T10:00:00Z</dcterms:modified>';
    expect(patchCore(core, '2022-12-28')).toBe(
      '<dcterms:created xsi:type="dcterms:W3CDTF">2022-12-28T00:00:00Z</dcterms:created><dcterms:modified xsi:type="dcterms:W3CDTF">2022-12-28T00:00:00Z</dcterms:modified>',
    );
    expect(packageOrder(['ppt/b.xml', '_rels/.rels', 'ppt/a.xml', '[Content_Types].xml'])).toEqual(['[Content_Types].xml', '_rels/.rels', 'ppt/a.xml', 'ppt/b.xml']);
  });
});
