-- ConnectionChecks: one row per customer x application x environment with
-- the latest scheduled and the latest completed check and its result. Times
-- are UTC; LastSuccess is NULL until the first check completes.

IF OBJECT_ID(N'dbo.ConnectionChecks', N'U') IS NULL
BEGIN
    CREATE TABLE dbo.ConnectionChecks (
        CustomerID uniqueidentifier NOT NULL,
        ApplicationID uniqueidentifier NOT NULL,
        Environment nvarchar(10) NOT NULL,
        LastScheduledFor datetime2(3) NULL,
        LastCheckedTime datetime2(3) NULL,
        LastSuccess bit NULL,
        LastErrorClass nvarchar(40) NULL,
        LastErrorMessage nvarchar(2000) NULL,
        LastStatusCode int NULL,
        LastDurationMs int NULL,
        CONSTRAINT PK_ConnectionChecks PRIMARY KEY (CustomerID, ApplicationID, Environment),
        CONSTRAINT CK_ConnectionChecks_Environment CHECK (Environment IN (N'Live', N'Test'))
    );
END
GO
