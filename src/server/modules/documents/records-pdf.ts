import { PDFDocument, StandardFonts, rgb, type PDFFont, type PDFPage } from 'pdf-lib';
import { winAnsi, wrapText as wrap } from '../../platform/pdf-text.ts';

/** One part of a records document: a heading and its entries, each a line and an optional detail line. */
export interface RecordsSection {
  heading: string;
  entries: { title: string; detail: string | null }[];
  /** Said when the section has no entries ("No allergies are recorded."). */
  empty: string;
}

export interface RecordsDocumentInput {
  title: string;
  patientName: string;
  birthDate: string | null;
  organisationName: string;
  portalName: string;
  /** The records the patient asked for, in their words, and the dates they asked about, if any. */
  requested: string;
  period: string | null;
  /** When it was made, as the organisation's local date. */
  preparedOn: string;
  sections: RecordsSection[];
}

const PAGE = { width: 612, height: 792, margin: 54 }; // US Letter, 0.75 in margins
const INK = rgb(0.1, 0.1, 0.12);

/**
 * The records a patient asked for, released to their Document center: the organisation, the patient's name and
 * birth date, what was asked for, then each section of the record with its entries, over as many pages as it takes.
 * Standard PDF fonts only (no font files), so characters outside Windows-1252 are replaced.
 */
export async function recordsDocumentPdf(input: RecordsDocumentInput): Promise<Buffer> {
  const doc = await PDFDocument.create();
  doc.setTitle(`${input.title} — ${input.patientName}`);
  doc.setAuthor(input.organisationName);
  doc.setCreator(`${input.portalName} (Lantern)`);
  const regular = await doc.embedFont(StandardFonts.Helvetica);
  const bold = await doc.embedFont(StandardFonts.HelveticaBold);
  const width = PAGE.width - 2 * PAGE.margin;

  let page: PDFPage = doc.addPage([PAGE.width, PAGE.height]);
  let y = PAGE.height - PAGE.margin;
  /** Writes wrapped text, starting a new page when the next line would not fit. */
  const text = (value: string, font: PDFFont, size: number, indent = 0, after = 4) => {
    for (const line of wrap(value, font, size, width - indent)) {
      if (y - size < PAGE.margin + 20) {
        page = doc.addPage([PAGE.width, PAGE.height]);
        y = PAGE.height - PAGE.margin;
      }
      page.drawText(line, { x: PAGE.margin + indent, y: y - size, size, font, color: INK });
      y -= size + 3;
    }
    y -= after;
  };

  text(input.organisationName, bold, 16);
  text(input.title, regular, 13, 0, 12);
  text(`Name: ${input.patientName}`, bold, 11);
  text(`Date of birth: ${input.birthDate ?? 'not recorded'}`, regular, 11);
  text(`Records asked for: ${input.requested}`, regular, 11);
  if (input.period) text(`Dates asked about: ${input.period}`, regular, 11);
  text(
    `Prepared ${input.preparedOn} by health information management, released through ${input.portalName}`,
    regular,
    9,
    0,
    16,
  );

  for (const section of input.sections) {
    text(section.heading, bold, 13, 0, 6);
    if (section.entries.length === 0) text(section.empty, regular, 10, 12, 8);
    for (const e of section.entries) {
      text(e.title, bold, 10, 12, e.detail ? 0 : 6);
      if (e.detail) text(e.detail, regular, 10, 24, 6);
    }
    y -= 8;
  }

  const pages = doc.getPages();
  pages.forEach((p, i) =>
    p.drawText(winAnsi(`${input.patientName} · born ${input.birthDate ?? '—'} · page ${i + 1} of ${pages.length}`), {
      x: PAGE.margin,
      y: PAGE.margin - 24,
      size: 8,
      font: regular,
      color: INK,
    }),
  );
  return Buffer.from(await doc.save());
}
