namespace Pipeline.Embed.Persistence;

/// <summary>
/// The pgvector part of the schema, outside the EF model because the extension may be missing: where
/// <c>vector</c> is installed, <c>embed.embeddings</c> gets a generated <c>vec vector(384)</c> column (from the
/// <c>real[]</c> it always has) and an HNSW cosine index. A <c>DO</c> block checks <c>pg_extension</c> when it runs,
/// so it is a no-op without the extension and never fails a migration. The Initial migration holds a frozen copy;
/// the lane runs this one at start when the extension was installed after the migration.
/// </summary>
public static class VectorSchema
{
    public const string EnsureVectorColumnSql = """
        DO $$
        DECLARE
            ext_schema name;
        BEGIN
            SELECT n.nspname INTO ext_schema
            FROM pg_extension e JOIN pg_namespace n ON n.oid = e.extnamespace
            WHERE e.extname = 'vector';
            IF ext_schema IS NULL THEN
                RAISE NOTICE 'vector extension not installed: embed.embeddings keeps real[] only';
                RETURN;
            END IF;
            IF NOT EXISTS (SELECT 1 FROM information_schema.columns
                           WHERE table_schema = 'embed' AND table_name = 'embeddings' AND column_name = 'vec') THEN
                EXECUTE format('ALTER TABLE embed.embeddings ADD COLUMN vec %I.vector(384) GENERATED ALWAYS AS ("vector"::%I.vector(384)) STORED',
                               ext_schema, ext_schema);
            END IF;
            EXECUTE format('CREATE INDEX IF NOT EXISTS ix_embeddings_vec_hnsw ON embed.embeddings USING hnsw (vec %I.vector_cosine_ops)', ext_schema);
        END $$;
        """;
}
