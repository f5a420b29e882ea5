package io.picktartup.startup.boundary;

import io.picktartup.startup.entity.Stage;
import io.picktartup.startup.entity.Startup;

import java.io.Serializable;
import java.util.Arrays;
import java.util.List;

/**
 * A startup's profile as a page's form holds it (text fields, aliases comma-separated): the listing application
 * ({@link ListingPage}) and the CEO's workspace ({@link CeoPage}) edit the same fields.
 */
public class ProfileForm implements Serializable {

    private static final long serialVersionUID = 1L;

    private String name;
    private String nameEn;
    private String aliases;
    private String pitch;
    private String description;
    private String sector;
    private String stage = Stage.SEED.name();
    private String foundedOn;
    private String website;

    /** The form filled with a stored profile. */
    static ProfileForm of(Startup.Profile p) {
        var form = new ProfileForm();
        form.name = p.name();
        form.nameEn = p.nameEn();
        form.aliases = String.join(", ", p.aliases());
        form.pitch = p.pitch();
        form.description = p.description();
        form.sector = p.sector();
        form.stage = p.stage().name();
        form.foundedOn = p.foundedOn().toString();
        form.website = p.website();
        return form;
    }

    /** The profile the form says; the use case validates it (an unreadable date or stage arrives as missing). */
    Startup.Profile profile() {
        return new Startup.Profile(name, nameEn, aliases == null ? List.of() : Arrays.asList(aliases.split(",")),
                pitch, description, sector, Stage.parse(stage).orElse(null), StartupRequests.date(foundedOn), website);
    }

    public List<String> getStages() {
        return Arrays.stream(Stage.values()).map(Stage::name).toList();
    }

    public String getName() { return name; }
    public void setName(String name) { this.name = name; }
    public String getNameEn() { return nameEn; }
    public void setNameEn(String nameEn) { this.nameEn = nameEn; }
    public String getAliases() { return aliases; }
    public void setAliases(String aliases) { this.aliases = aliases; }
    public String getPitch() { return pitch; }
    public void setPitch(String pitch) { this.pitch = pitch; }
    public String getDescription() { return description; }
    public void setDescription(String description) { this.description = description; }
    public String getSector() { return sector; }
    public void setSector(String sector) { this.sector = sector; }
    public String getStage() { return stage; }
    public void setStage(String stage) { this.stage = stage; }
    public String getFoundedOn() { return foundedOn; }
    public void setFoundedOn(String foundedOn) { this.foundedOn = foundedOn; }
    public String getWebsite() { return website; }
    public void setWebsite(String website) { this.website = website; }
}
