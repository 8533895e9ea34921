-- Index for the failed-message grid of the resend screen, which reads
-- Incoming = 0 AND Success = 0 AND Retries = 0, newest first, filtered by
-- application and environment:
--   equality columns first, then the sort order, and the filter columns as
--   included columns so that the grid's page is read from the index alone.
--
-- MessageLogs belongs to the vendor's applications and is never created here.
-- On a large table the index build takes a while and blocks writes to
-- MessageLogs (no ONLINE option, which not every edition supports): run the
-- script outside business hours.

IF OBJECT_ID(N'dbo.MessageLogs', N'U') IS NULL
    THROW 50011, 'Table dbo.MessageLogs was not found: run the customer scripts against a customer database of the vendor''s applications.', 1;
GO

IF NOT EXISTS (SELECT 1 FROM sys.indexes WHERE name = N'IX_MessageLogs_Failed' AND object_id = OBJECT_ID(N'dbo.MessageLogs'))
    CREATE NONCLUSTERED INDEX IX_MessageLogs_Failed
        ON dbo.MessageLogs (Success, Incoming, Retries, [Timestamp] DESC, ID DESC)
        INCLUDE (ApplicationID, Environment);
GO
