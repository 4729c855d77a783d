package io.linkport.links;

import java.util.List;

/** One page of links, newest first; {@code nextCursor} is null on the last page. */
public record LinkPage(List<Link> links, String nextCursor) {
}
