package io.picktartup.startup.entity;

import io.picktartup.platform.entity.InvalidInputException;
import jakarta.persistence.Basic;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;

/**
 * A supporting document of a listing application (a business registration certificate, the articles…): PDF, PNG or
 * JPEG, at most {@link #SIZE_MAX} bytes, kept with its SHA-256 for the admin who reviews the application.
 */
@Entity
@Table(name = "startup_listing_document")
public class ListingDocument {

    public static final int SIZE_MAX = 5 * 1024 * 1024;
    public static final int COUNT_MAX = 5;
    public static final Set<String> TYPES = Set.of("application/pdf", "image/png", "image/jpeg");

    /** A document as uploaded. */
    public record Upload(String fileName, String contentType, byte[] content) {

        public void check(int index, List<InvalidInputException.Violation> problems) {
            String at = "documents[" + index + "].";
            if (fileName == null || fileName.isBlank() || fileName.strip().length() > 200
                    || fileName.matches(".*[/\\\\\\p{Cntrl}].*")) {
                problems.add(new InvalidInputException.Violation(at + "fileName",
                        "must be a file name of at most 200 characters"));
            }
            if (contentType == null || !TYPES.contains(contentType.strip().toLowerCase(Locale.ROOT))) {
                problems.add(new InvalidInputException.Violation(at + "contentType", "must be one of " + TYPES));
            }
            if (content == null || content.length == 0) {
                problems.add(new InvalidInputException.Violation(at + "content", "must not be empty"));
            } else if (content.length > SIZE_MAX) {
                problems.add(new InvalidInputException.Violation(at + "content",
                        "must be at most " + SIZE_MAX + " bytes"));
            }
        }
    }

    @Id
    private UUID id;

    @Column(name = "listing_id", nullable = false, updatable = false)
    private UUID listingId;

    @Column(nullable = false, updatable = false)
    private int position;

    @Column(name = "file_name", nullable = false, updatable = false, length = 200)
    private String fileName;

    @Column(name = "content_type", nullable = false, updatable = false, length = 100)
    private String contentType;

    @Column(name = "size_bytes", nullable = false, updatable = false)
    private int sizeBytes;

    @Column(nullable = false, updatable = false, length = 64)
    private String sha256;

    @Basic(fetch = FetchType.LAZY)
    @Column(nullable = false, updatable = false)
    private byte[] content;

    protected ListingDocument() {
    }

    public ListingDocument(UUID listingId, int position, Upload upload) {
        this.id = UUID.randomUUID();
        this.listingId = listingId;
        this.position = position;
        this.fileName = upload.fileName().strip();
        this.contentType = upload.contentType().strip().toLowerCase(Locale.ROOT);
        this.content = upload.content().clone();
        this.sizeBytes = content.length;
        this.sha256 = sha256(content);
    }

    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    public UUID id() { return id; }
    public UUID listingId() { return listingId; }
    public int position() { return position; }
    public String fileName() { return fileName; }
    public String contentType() { return contentType; }
    public int sizeBytes() { return sizeBytes; }
    public String sha256() { return sha256; }
    public byte[] content() { return content.clone(); }
}
