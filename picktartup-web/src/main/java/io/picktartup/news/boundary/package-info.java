/** News over HTTP: anyone reads a startup's news; admins configure the sources and read the crawl's report. */
package io.picktartup.news.boundary;
