import { PDFDocument, StandardFonts, rgb, type PDFFont, type PDFPage } from 'pdf-lib';
import { formatCalendarDate } from '../../../shared/calendar-date.ts';
import type { Immunization } from '../../../shared/records.ts';
import { winAnsi, wrapText as wrap } from '../../platform/pdf-text.ts';

/** The language of printed records (the portal's pages are in English; dates as on them, "March 4, 2019"). */
const LANGUAGE = 'en-US';
const longDate = (date: string | null) => (date ? formatCalendarDate(date, LANGUAGE) : 'not recorded');

export interface ImmunizationRecordInput {
  patientName: string;
  birthDate: string | null;
  organisationName: string;
  portalName: string;
  /** When it was printed, as the organisation's local date (YYYY-MM-DD). */
  printedOn: string;
  /** Each dose with its number in the series (the record's, else its place among that vaccine's doses). */
  immunizations: Immunization[];
}

const PAGE = { width: 612, height: 792, margin: 54 }; // US Letter, 0.75 in margins

/**
 * The printable immunization record schools and employers ask for: the patient's name and date of birth, the
 * organisation, and every dose of every vaccine (A–Z, each vaccine's doses oldest first) with its date and dose
 * number, over as many pages as it takes. Dates in the long form the pages use.
 * Standard PDF fonts only (no font files), so characters outside Windows-1252 are replaced.
 */
export async function immunizationRecordPdf(input: ImmunizationRecordInput): Promise<Buffer> {
  const doc = await PDFDocument.create();
  doc.setTitle(`Immunization record — ${input.patientName}`);
  doc.setAuthor(input.organisationName);
  doc.setCreator(`${input.portalName} (Lantern)`);
  const regular = await doc.embedFont(StandardFonts.Helvetica);
  const bold = await doc.embedFont(StandardFonts.HelveticaBold);

  let page = doc.addPage([PAGE.width, PAGE.height]);
  let y = PAGE.height - PAGE.margin;
  const write = (p: PDFPage, text: string, x: number, at: number, font: PDFFont, size: number) =>
    p.drawText(winAnsi(text), { x, y: at, size, font, color: rgb(0.1, 0.1, 0.12) });

  write(page, input.organisationName, PAGE.margin, y, bold, 16);
  y -= 22;
  write(page, 'Immunization record', PAGE.margin, y, regular, 13);
  y -= 30;
  write(page, `Name: ${input.patientName}`, PAGE.margin, y, bold, 11);
  y -= 16;
  write(page, `Date of birth: ${longDate(input.birthDate)}`, PAGE.margin, y, regular, 11);
  y -= 16;
  write(page, `Printed: ${longDate(input.printedOn)} from ${input.portalName}`, PAGE.margin, y, regular, 9);
  y -= 28;

  const columns = [PAGE.margin, PAGE.margin + 300, PAGE.margin + 430];
  const header = (p: PDFPage, at: number) => {
    write(p, 'Vaccine', columns[0]!, at, bold, 10);
    write(p, 'Date given', columns[1]!, at, bold, 10);
    write(p, 'Dose', columns[2]!, at, bold, 10);
    p.drawLine({
      start: { x: PAGE.margin, y: at - 4 },
      end: { x: PAGE.width - PAGE.margin, y: at - 4 },
      thickness: 0.5,
      color: rgb(0.5, 0.5, 0.5),
    });
  };
  header(page, y);
  y -= 20;
  if (input.immunizations.length === 0) write(page, 'No immunizations are recorded.', PAGE.margin, y, regular, 10);
  for (const imm of input.immunizations) {
    const lines = wrap(imm.vaccine, regular, 10, columns[1]! - columns[0]! - 12);
    if (y - lines.length * 13 < PAGE.margin + 20) {
      page = doc.addPage([PAGE.width, PAGE.height]);
      y = PAGE.height - PAGE.margin;
      header(page, y);
      y -= 20;
    }
    lines.forEach((line, i) => write(page, line, columns[0]!, y - i * 13, regular, 10));
    write(page, imm.date ? longDate(imm.date) : '—', columns[1]!, y, regular, 10);
    write(page, imm.dose ?? '', columns[2]!, y, regular, 10);
    y -= lines.length * 13 + 6;
  }
  const pages = doc.getPages();
  pages.forEach((p, i) =>
    write(
      p,
      `${input.patientName} · born ${input.birthDate ? longDate(input.birthDate) : '—'} · page ${i + 1} of ${pages.length}`,
      PAGE.margin,
      PAGE.margin - 24,
      regular,
      8,
    ),
  );
  return Buffer.from(await doc.save());
}
