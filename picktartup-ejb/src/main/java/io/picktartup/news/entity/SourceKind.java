package io.picktartup.news.entity;

/** How a source is read: an RSS or Atom feed (its entries are the articles), or an HTML listing page (its links are). */
public enum SourceKind {
    RSS, ATOM, HTML;

    public boolean isFeed() {
        return this != HTML;
    }
}
