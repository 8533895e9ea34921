-- MessageResends: one row per resend attempt of a failed MessageLogs row, with
-- who asked for it, the outcome and the MessageLogs row the attempt wrote.
-- Times are UTC.
--
-- MessageLogID has no foreign key to MessageLogs: the vendor owns that table
-- and its ID type, and a resend record must survive a clean-up of old logs.

IF OBJECT_ID(N'dbo.MessageResends', N'U') IS NULL
BEGIN
    CREATE TABLE dbo.MessageResends (
        ID bigint IDENTITY(1, 1) NOT NULL,
        MessageLogID bigint NOT NULL,
        RetryMessageLogID bigint NULL,
        AttemptedTime datetime2(3) NOT NULL,
        RequestedBy nvarchar(320) NOT NULL,
        Outcome nvarchar(20) NOT NULL,
        StatusCode int NULL,
        ErrorSummary nvarchar(2000) NULL,
        CONSTRAINT PK_MessageResends PRIMARY KEY (ID)
    );
END
GO

IF NOT EXISTS (SELECT 1 FROM sys.indexes WHERE name = N'IX_MessageResends_Message' AND object_id = OBJECT_ID(N'dbo.MessageResends'))
    CREATE NONCLUSTERED INDEX IX_MessageResends_Message
        ON dbo.MessageResends (MessageLogID, AttemptedTime DESC, ID DESC);
GO
