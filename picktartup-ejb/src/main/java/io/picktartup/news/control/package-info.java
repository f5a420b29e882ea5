/** Reading the web politely for the news crawl (robots.txt, a per-host interval, timeouts, a size cap) and turning feeds and HTML pages into candidate articles. */
package io.picktartup.news.control;
