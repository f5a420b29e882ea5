/** News use cases: admins configure sources; the news-crawl job harvests each source and files what it found; anyone reads a startup's news. */
package io.picktartup.news.boundary;
