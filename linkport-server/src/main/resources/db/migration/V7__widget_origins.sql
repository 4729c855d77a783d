-- Origins (scheme://host[:port]) allowed to embed a tenant's hosted widget: they become the widget
-- page's CSP frame-ancestors, so a page on any other origin cannot frame it.
CREATE TABLE widget_origins (
    tenant_id  VARCHAR(64)  NOT NULL REFERENCES tenants (id),
    origin     VARCHAR(300) NOT NULL,
    created_at TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (tenant_id, origin)
);
