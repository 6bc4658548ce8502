// Builds small XLSX workbooks for extraction tests (the sandbox generates no spreadsheets).
import { strToU8, zipSync } from 'fflate';

export function xlsx(sheets: { name: string; rows: string }[], shared: string[]): Uint8Array {
  const workbook =
    '<workbook xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets>' +
    sheets.map((s, i) => `<sheet name="${s.name}" sheetId="${i + 1}" r:id="rId${i + 1}"/>`).join('') +
    '</sheets></workbook>';
  const rels =
    '<Relationships>' +
    sheets
      .map(
        (_, i) => `<Relationship Id="rId${i + 1}" Type="worksheet" Target="worksheets/sheet${i + 1}.xml"/>`,
      )
      .join('') +
    '</Relationships>';
  const sst = `<sst>${shared.map((s) => `<si><t>${s}</t></si>`).join('')}</sst>`;
  const files: Record<string, Uint8Array> = {
    '[Content_Types].xml': strToU8('<Types/>'),
    'xl/workbook.xml': strToU8(workbook),
    'xl/_rels/workbook.xml.rels': strToU8(rels),
    'xl/sharedStrings.xml': strToU8(sst),
  };
  sheets.forEach((s, i) => {
    files[`xl/worksheets/sheet${i + 1}.xml`] = strToU8(
      `<worksheet><sheetData>${s.rows}</sheetData></worksheet>`,
    );
  });
  return zipSync(files);
}
