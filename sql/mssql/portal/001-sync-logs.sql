-- SyncLogs: one row per outage of a customer's Epicor connection, per
-- application and environment. Success = 0 while the outage is open, 1 once a
-- check succeeds again. All times are UTC.
--
-- Some License Portal databases already have a SyncLogs table with the core
-- columns below. This script then leaves it as it is, and 002 adds the columns
-- that the service needs on top.

IF OBJECT_ID(N'dbo.SyncLogs', N'U') IS NULL
BEGIN
    CREATE TABLE dbo.SyncLogs (
        ID uniqueidentifier NOT NULL CONSTRAINT DF_SyncLogs_ID DEFAULT NEWID(),
        CustomerID uniqueidentifier NOT NULL,
        ApplicationID uniqueidentifier NOT NULL,
        Environment nvarchar(10) NOT NULL,
        FirstErrorTime datetime2(3) NOT NULL,
        LastErrorTime datetime2(3) NOT NULL,
        Success bit NOT NULL,
        CONSTRAINT PK_SyncLogs PRIMARY KEY (ID)
    );
END
GO
