package io.picktartup.round.control;

import com.lowagie.text.Chunk;
import com.lowagie.text.Document;
import com.lowagie.text.DocumentException;
import com.lowagie.text.Element;
import com.lowagie.text.Font;
import com.lowagie.text.PageSize;
import com.lowagie.text.Paragraph;
import com.lowagie.text.Phrase;
import com.lowagie.text.Rectangle;
import com.lowagie.text.pdf.BaseFont;
import com.lowagie.text.pdf.ColumnText;
import com.lowagie.text.pdf.PdfDate;
import com.lowagie.text.pdf.PdfEncryption;
import com.lowagie.text.pdf.PdfName;
import com.lowagie.text.pdf.PdfPCell;
import com.lowagie.text.pdf.PdfPTable;
import com.lowagie.text.pdf.PdfPageEventHelper;
import com.lowagie.text.pdf.PdfWriter;
import io.picktartup.round.entity.InvestmentContractTerms;
import jakarta.enterprise.context.ApplicationScoped;

import java.awt.Color;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.GregorianCalendar;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Random;
import java.util.TimeZone;

/**
 * Renders the investment contract (투자계약서 / Investment Agreement) as a PDF: Korean first, English under it, in
 * NanumGothic embedded from the application's own resources (never a system font). Equal terms give equal bytes
 * (creation date from the contract date, file id and font-subset tag from the investment id), so the document's
 * SHA-256, the {@code termsHash} the investor signs, can be recomputed from the stored terms at any time.
 */
@ApplicationScoped
public class ContractDocuments {

    static final ZoneId SEOUL = ZoneId.of("Asia/Seoul");
    private static final DateTimeFormatter SEOUL_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm").withZone(SEOUL);
    private static final Color MUTED = new Color(0x55, 0x5b, 0x66);
    private static final Color RULE = new Color(0xc8, 0xcd, 0xd4);
    private static final Color SHADE = new Color(0xf2, 0xf4, 0xf7);

    /** The bundled fonts, parsed once per class loader on first use (~9 MB of TrueType; subsets are embedded). */
    private static final class Fonts {
        static final BaseFont REGULAR = load("NanumGothic.ttf");
        static final BaseFont BOLD = load("NanumGothicBold.ttf");

        private static BaseFont load(String name) {
            try (InputStream in = ContractDocuments.class.getResourceAsStream("fonts/" + name)) {
                if (in == null) {
                    throw new IllegalStateException("font " + name + " is missing from the application");
                }
                var font = BaseFont.createFont(name, BaseFont.IDENTITY_H, BaseFont.EMBEDDED, true, in.readAllBytes(),
                        null);
                font.setSecureRandom(DocumentRandom.INSTANCE);
                return font;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (DocumentException e) {
                throw new IllegalStateException("font " + name + " cannot be loaded", e);
            }
        }
    }

    /**
     * The fonts are shared by every document; OpenPDF names each embedded subset with a random six-letter tag. This
     * source makes the tag a function of the document being rendered on this thread, so equal terms give equal bytes.
     */
    private static final class DocumentRandom extends SecureRandom {
        static final DocumentRandom INSTANCE = new DocumentRandom();
        static final ThreadLocal<Random> CURRENT = new ThreadLocal<>();

        @Override
        public double nextDouble() {
            Random current = CURRENT.get();
            return current == null ? super.nextDouble() : current.nextDouble();
        }
    }

    /** The document's SHA-256 as the {@code termsHash} is written: {@code 0x} and 64 lowercase hex digits. */
    public static String sha256Hex(byte[] document) {
        try {
            return "0x" + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(document));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }

    /** The document number printed on every page: the contract date and the investment id's first group. */
    public static String documentNumber(InvestmentContractTerms t) {
        return "PKT-IC-" + t.date().format(DateTimeFormatter.BASIC_ISO_DATE) + "-"
                + t.investmentId().toString().substring(0, 8).toUpperCase(Locale.ROOT);
    }

    public byte[] render(InvestmentContractTerms t) {
        var id = t.investmentId();
        DocumentRandom.CURRENT.set(new Random(id.getMostSignificantBits() ^ id.getLeastSignificantBits()));
        try {
            return new Rendering(t).pdf();
        } catch (DocumentException e) {
            throw new IllegalStateException("the contract document could not be rendered", e);
        } finally {
            DocumentRandom.CURRENT.remove();
        }
    }

    /** One document being written. */
    private static final class Rendering {
        private final InvestmentContractTerms t;
        private final Font title = new Font(Fonts.BOLD, 18);
        private final Font heading = new Font(Fonts.BOLD, 11.5f);
        private final Font body = new Font(Fonts.REGULAR, 9.5f);
        private final Font bold = new Font(Fonts.BOLD, 9.5f);
        private final Font english = new Font(Fonts.REGULAR, 8.5f, Font.NORMAL, MUTED);
        private final Font small = new Font(Fonts.REGULAR, 7.5f, Font.NORMAL, MUTED);

        Rendering(InvestmentContractTerms t) {
            this.t = t;
        }

        byte[] pdf() throws DocumentException {
            var out = new ByteArrayOutputStream(64 * 1024);
            var document = new Document(PageSize.A4, 56, 56, 60, 60);
            var writer = PdfWriter.getInstance(document, out);
            writer.setPdfVersion(PdfWriter.VERSION_1_7);
            writer.setPageEvent(new Footer(documentNumber(t), small));
            document.addTitle("투자계약서 / Investment Agreement " + documentNumber(t));
            document.addSubject(t.startupName() + " · " + t.roundName());
            document.addCreator("Picktartup");
            document.open();
            fixedMetadata(writer);

            header(document);
            parties(document);
            investment(document);
            clauses(document);
            roundTerms(document);
            signatures(document);

            document.close();
            return out.toByteArray();
        }

        /** Dates from the contract day (00:00 Seoul) and a file id from the investment id, never from the clock. */
        private void fixedMetadata(PdfWriter writer) {
            var calendar = GregorianCalendar.from(t.date().atStartOfDay(SEOUL));
            calendar.setTimeZone(TimeZone.getTimeZone(SEOUL));
            var date = new PdfDate(calendar);
            writer.getInfo().put(PdfName.CREATIONDATE, date);
            writer.getInfo().put(PdfName.MODDATE, date);
            byte[] fileId = ByteBuffer.allocate(16).putLong(t.investmentId().getMostSignificantBits())
                    .putLong(t.investmentId().getLeastSignificantBits()).array();
            writer.getInfo().put(PdfName.FILEID, PdfEncryption.createInfoId(fileId, fileId));
        }

        private void header(Document d) throws DocumentException {
            var heading = new Paragraph("투자계약서", title);
            heading.setAlignment(Element.ALIGN_CENTER);
            d.add(heading);
            var sub = new Paragraph("Investment Agreement", new Font(Fonts.REGULAR, 12, Font.NORMAL, MUTED));
            sub.setAlignment(Element.ALIGN_CENTER);
            sub.setSpacingAfter(14);
            d.add(sub);

            var table = details();
            row(table, "문서 번호", "Document no.", documentNumber(t));
            row(table, "계약일", "Date", t.date() + " (Asia/Seoul)");
            row(table, "투자 ID", "Investment ID", t.investmentId().toString());
            d.add(table);
        }

        private void parties(Document d) throws DocumentException {
            section(d, "당사자", "Parties");
            var table = details();
            row(table, "투자자", "Investor", t.investorName());
            row(table, "이메일", "Email", t.investorEmail());
            row(table, "투자자 지갑 주소", "Investor wallet", t.investorAddress());
            row(table, "회사", "Company", t.startupName());
            row(table, "대표이사", "CEO", t.ceoName());
            row(table, "회사 지갑 주소", "Company wallet", t.startupWallet());
            d.add(table);
            d.add(bilingual("위 투자자(이하 \"투자자\")와 위 회사(이하 \"회사\")는 아래와 같이 투자계약을 체결한다.",
                    "The Investor and the Company named above (the \"Investor\" and the \"Company\") agree as follows."));
        }

        private void investment(Document d) throws DocumentException {
            section(d, "투자 라운드와 투자 내용", "Round and investment");
            var table = details();
            row(table, "라운드", "Round", t.roundName());
            row(table, "에스크로 계약 주소", "Escrow contract", t.roundAddress());
            row(table, "체인 ID", "Chain ID", Long.toString(t.chainId()));
            row(table, "투자 금액", "Amount", pkn(t) + " PKN (" + won(t.amountKrw()) + ")");
            row(table, "배정 주식 수", "Shares", grouped(t.shares()) + " 주 / shares");
            row(table, "주당 가격", "Price per share", won(t.pricePerShareKrw()));
            row(table, "투자 전 기업가치", "Pre-money valuation", won(t.preMoneyValuationKrw()));
            row(table, "라운드 마감", "Deadline", seoul(t.deadline()));
            row(table, "취소 가능 기한", "Cancellation cut-off", seoul(t.cancelCutoff()));
            d.add(table);
        }

        private void clauses(Document d) throws DocumentException {
            section(d, "계약 조항", "Clauses");
            clause(d, 1, "목적", "Purpose",
                    "투자자는 본 계약에 따라 회사의 위 라운드에 PKN 토큰으로 투자하고, 회사는 라운드가 성공하면 투자자에게 위 "
                            + "주식을 위 주당 가격으로 배정한다.",
                    "The Investor invests in the Company's round above with PKN tokens; if the round succeeds, the "
                            + "Company allots the shares above to the Investor at the price per share above.");
            clause(d, 2, "에스크로", "Escrow",
                    "투자금은 라운드 마감 시각까지 위 에스크로 스마트 계약(체인 ID " + t.chainId() + ")에 보관되며, 회사도 "
                            + "플랫폼도 그 전에 인출할 수 없다. 마감 시 목표 금액이 달성되면 투자금은 회사 지갑으로 전달된다. "
                            + "목표 금액이 달성되지 않으면 투자금 전액이 투자자의 지갑으로 자동 환불된다.",
                    "The investment is held by the escrow smart contract above (chain ID " + t.chainId() + ") until "
                            + "the round's deadline; neither the Company nor the platform can withdraw it before. If "
                            + "the goal is met at the deadline, the funds go to the Company's wallet. If the goal is "
                            + "missed, the full amount is refunded automatically to the Investor's wallet.");
            clause(d, 3, "투자 취소", "Cancellation",
                    "투자자는 취소 가능 기한(" + seoul(t.cancelCutoff()) + ", 라운드 마감 48시간 전)까지 이유를 밝히지 않고 "
                            + "투자를 취소할 수 있으며, 이 경우 투자금 전액을 돌려받는다. 그 이후에는 취소할 수 없다.",
                    "The Investor may cancel this investment without giving reasons until the cancellation cut-off ("
                            + seoul(t.cancelCutoff()) + ", 48 hours before the deadline) and then receives the full "
                            + "amount back. After the cut-off, the investment cannot be cancelled.");
            clause(d, 4, "전자서명", "Electronic signature",
                    "투자자는 본 문서의 SHA-256 해시값을 포함한 EIP-712 구조화 데이터에 자신의 지갑 키로 전자서명하여 본 "
                            + "계약에 동의한다. 이 전자서명은 본 문서에 대한 서명과 같은 효력을 가지며, 누구든지 본 문서의 해시를 "
                            + "계산하여 블록체인에 기록된 동의와 대조할 수 있다.",
                    "The Investor consents to this agreement by signing, with the key of the Investor's wallet, EIP-712 "
                            + "typed data that include the SHA-256 hash of this document. That electronic signature has "
                            + "the effect of a signature on this document; anyone can hash this document and compare it "
                            + "with the consent recorded on the blockchain.");
            clause(d, 5, "위험 고지", "Risk disclosure",
                    "비상장 기업에 대한 투자는 원금 전부를 잃을 수 있는 높은 위험을 수반한다. 주식은 상장되어 있지 않아 "
                            + "처분이 어려울 수 있고, 배당이 지급되지 않을 수 있으며, 후속 투자로 지분이 희석될 수 있다. 스마트 "
                            + "계약과 블록체인에는 기술적 위험이 있다. 플랫폼은 회사의 성과나 투자 수익을 보장하지 않는다.",
                    "Investing in an unlisted company carries a high risk of losing the whole amount. The shares are not "
                            + "listed and may be hard to sell, may pay no dividends and may be diluted by later rounds. "
                            + "Smart contracts and blockchains carry technical risks. The platform guarantees neither the "
                            + "Company's performance nor any return.");
            clause(d, 6, "기타", "Miscellaneous",
                    "아래 라운드 조건은 본 계약의 일부를 이룬다. 본 계약은 대한민국 법을 준거법으로 하며, 한국어 본문과 영어 "
                            + "번역이 다를 경우 한국어 본문이 우선한다.",
                    "The round terms below form part of this agreement. This agreement is governed by the laws of the "
                            + "Republic of Korea; where the Korean text and the English translation differ, the Korean "
                            + "text prevails.");
        }

        private void roundTerms(Document d) throws DocumentException {
            section(d, "라운드 조건", "Round terms");
            String terms = t.terms().strip();
            if (terms.isEmpty()) {
                d.add(bilingual("별도 조건 없음.", "No further terms."));
                return;
            }
            for (String paragraph : terms.replace("\r\n", "\n").split("\n\\s*\n")) {
                var p = new Paragraph(paragraph.strip(), body);
                p.setLeading(14);
                p.setSpacingAfter(6);
                d.add(p);
            }
        }

        private void signatures(Document d) throws DocumentException {
            section(d, "서명", "Signatures");
            var table = new PdfPTable(2);
            table.setWidthPercentage(100);
            table.setSpacingBefore(4);
            table.addCell(signatureCell("투자자 / Investor", t.investorName(),
                    "EIP-712 전자서명 / electronic signature", t.investorAddress()));
            table.addCell(signatureCell("회사 / Company", t.startupName(), "대표이사 / CEO " + t.ceoName(),
                    t.startupWallet()));
            d.add(table);
            var note = new Paragraph("본 문서의 SHA-256 해시가 투자 동의(termsHash)에 기록된다. / The SHA-256 hash of this "
                    + "document is recorded in the investment consent (termsHash).", small);
            note.setSpacingBefore(10);
            d.add(note);
        }

        private PdfPCell signatureCell(String role, String name, String line, String wallet) {
            var cell = new PdfPCell();
            cell.setPadding(8);
            cell.setBorderColor(RULE);
            cell.addElement(new Paragraph(role, english));
            cell.addElement(new Paragraph(name, bold));
            cell.addElement(new Paragraph(line, body));
            cell.addElement(new Paragraph(wallet, small));
            return cell;
        }

        private void section(Document d, String korean, String englishTitle) throws DocumentException {
            var p = new Paragraph("", heading);
            p.add(new Chunk(korean, heading));
            p.add(new Chunk("  " + englishTitle, new Font(Fonts.REGULAR, 10, Font.NORMAL, MUTED)));
            p.setLeading(16);
            p.setSpacingBefore(14);
            p.setSpacingAfter(9);
            p.setKeepTogether(true);
            d.add(p);
        }

        private void clause(Document d, int number, String koreanTitle, String englishTitle, String korean,
                            String englishText) throws DocumentException {
            var p = new Paragraph("", bold);
            p.add(new Chunk("제" + number + "조 (" + koreanTitle + ")", bold));
            p.add(new Chunk("  Article " + number + " (" + englishTitle + ")", english));
            p.setSpacingBefore(6);
            d.add(p);
            d.add(bilingual(korean, englishText));
        }

        private Paragraph bilingual(String korean, String englishText) {
            var p = new Paragraph(korean, body);
            p.setLeading(14);
            var en = new Paragraph(englishText, english);
            en.setLeading(12);
            en.setSpacingBefore(2);
            en.setSpacingAfter(4);
            var both = new Paragraph("", body);
            both.add(p);
            both.add(en);
            both.setSpacingBefore(4);
            return both;
        }

        private PdfPTable details() {
            var table = new PdfPTable(new float[]{32, 68});
            table.setWidthPercentage(100);
            table.setSpacingAfter(6);
            return table;
        }

        private void row(PdfPTable table, String korean, String englishLabel, String value) {
            var label = new Phrase("", bold);
            label.add(new Chunk(korean, bold));
            label.add(new Chunk("\n" + englishLabel, small));
            var left = new PdfPCell(label);
            left.setBackgroundColor(SHADE);
            left.setBorderColor(RULE);
            left.setPadding(5);
            table.addCell(left);
            var right = new PdfPCell(new Phrase(value, body));
            right.setBorderColor(RULE);
            right.setPadding(5);
            right.setVerticalAlignment(Element.ALIGN_MIDDLE);
            table.addCell(right);
        }
    }

    /** Document number and page number at the foot of every page. */
    private static final class Footer extends PdfPageEventHelper {
        private final String number;
        private final Font font;

        Footer(String number, Font font) {
            this.number = number;
            this.font = font;
        }

        @Override
        public void onEndPage(PdfWriter writer, Document document) {
            var canvas = writer.getDirectContent();
            Rectangle page = document.getPageSize();
            ColumnText.showTextAligned(canvas, Element.ALIGN_LEFT,
                    new Phrase("투자계약서 / Investment Agreement · " + number, font),
                    document.leftMargin(), page.getBottom() + 30, 0);
            ColumnText.showTextAligned(canvas, Element.ALIGN_RIGHT, new Phrase(writer.getPageNumber() + " 쪽 / page", font),
                    page.getRight() - document.rightMargin(), page.getBottom() + 30, 0);
        }
    }

    private static String seoul(Instant instant) {
        return SEOUL_TIME.format(instant) + " (KST, UTC+9)";
    }

    private static String pkn(InvestmentContractTerms t) {
        var format = new DecimalFormat("#,##0.##################", DecimalFormatSymbols.getInstance(Locale.ROOT));
        return format.format(new BigDecimal(t.amount(), 18));
    }

    private static String grouped(long value) {
        return new DecimalFormat("#,##0", DecimalFormatSymbols.getInstance(Locale.ROOT)).format(value);
    }

    private static String won(long krw) {
        return grouped(krw) + "원 (KRW " + grouped(krw) + ")";
    }
}
