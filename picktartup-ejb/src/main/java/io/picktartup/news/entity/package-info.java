/** Crawled news: the configured sources, the articles stored per startup, what each crawl did, and the rules that decide what counts as the same article, a mention of a startup, and a page a robot may read. */
package io.picktartup.news.entity;
