-- Rules and indexes of SyncLogs:
--   CK_SyncLogs_Environment   Environment is 'Live' or 'Test'.
--   UX_SyncLogs_OpenOutage    at most one open outage (Success = 0) per
--                             customer, application and environment; the
--                             service relies on it so that concurrent checks
--                             open one outage and send one email.
--   IX_SyncLogs_CustomerHistory  outage history of one customer, newest first.
--
-- When existing rows break a rule, the script stops with an error that names
-- the rule before it changes anything. Fix those rows and run it again.
-- The filtered index needs QUOTED_IDENTIFIER and ANSI_NULLS ON, the default
-- of tedious, sqlcmd and SSMS connections.

IF NOT EXISTS (SELECT 1 FROM sys.check_constraints WHERE name = N'CK_SyncLogs_Environment' AND parent_object_id = OBJECT_ID(N'dbo.SyncLogs'))
   AND EXISTS (SELECT 1 FROM dbo.SyncLogs WHERE Environment NOT IN (N'Live', N'Test'))
    THROW 50001, 'SyncLogs has rows whose Environment is neither Live nor Test: correct or remove them, then run this script again.', 1;
GO

IF NOT EXISTS (SELECT 1 FROM sys.check_constraints WHERE name = N'CK_SyncLogs_Environment' AND parent_object_id = OBJECT_ID(N'dbo.SyncLogs'))
    ALTER TABLE dbo.SyncLogs WITH CHECK ADD CONSTRAINT CK_SyncLogs_Environment CHECK (Environment IN (N'Live', N'Test'));
GO

IF NOT EXISTS (SELECT 1 FROM sys.indexes WHERE name = N'UX_SyncLogs_OpenOutage' AND object_id = OBJECT_ID(N'dbo.SyncLogs'))
   AND EXISTS (
       SELECT 1 FROM dbo.SyncLogs
       WHERE Success = 0
       GROUP BY CustomerID, ApplicationID, Environment
       HAVING COUNT(*) > 1
   )
    THROW 50002, 'SyncLogs has more than one open outage (Success = 0) for the same customer, application and environment: close all but the newest, then run this script again.', 1;
GO

IF NOT EXISTS (SELECT 1 FROM sys.indexes WHERE name = N'UX_SyncLogs_OpenOutage' AND object_id = OBJECT_ID(N'dbo.SyncLogs'))
    CREATE UNIQUE NONCLUSTERED INDEX UX_SyncLogs_OpenOutage
        ON dbo.SyncLogs (CustomerID, ApplicationID, Environment)
        WHERE Success = 0;
GO

IF NOT EXISTS (SELECT 1 FROM sys.indexes WHERE name = N'IX_SyncLogs_CustomerHistory' AND object_id = OBJECT_ID(N'dbo.SyncLogs'))
    CREATE NONCLUSTERED INDEX IX_SyncLogs_CustomerHistory
        ON dbo.SyncLogs (CustomerID, FirstErrorTime DESC, ID);
GO
