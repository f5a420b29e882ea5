package io.picktartup.news.entity;

import io.picktartup.platform.entity.BusinessException;

/** A source URL is configured once. */
public class NewsSourceTakenException extends BusinessException {

    public NewsSourceTakenException(String url) {
        super("news.source-exists", 409, "A news source with the URL " + url + " is already configured.");
    }

    @Override
    public String title() {
        return "News source exists";
    }
}
