pub struct Connection {
    sent: Vec<String>,
}

impl Connection {
    pub async fn execute(&mut self, sql: &str) -> usize {
        self.sent.push(sql.to_string());
        self.sent.len()
    }

    pub async fn query(&mut self, sql: &str) -> Vec<String> {
        self.sent.iter().filter(|s| s.contains(sql)).cloned().collect()
    }
}

pub struct Repo {
    conn: Connection,
}

impl Repo {
    async fn ping(&mut self) -> bool {
        self.conn.execute("SELECT 1").await > 0
    }

    async fn warm(&mut self) -> bool {
        self.conn.execute("SELECT 2").await > 0
    }

    pub async fn refresh(&mut self) -> (bool, bool) {
        // Two `&mut self` calls: they cannot share a join, and the order is the point.
        let a = self.ping().await;
        let b = self.warm().await;
        (a, b)
    }
}

pub async fn save_then_load(conn: &mut Connection) -> Vec<String> {
    conn.execute("INSERT INTO t VALUES (1)").await;
    conn.query("t").await
}

pub async fn through_a_reference(conn: &mut Connection) -> usize {
    // `conn` is a `&mut`: passing it by value reborrows it mutably each time.
    let first = run(conn, "a").await;
    let second = run(conn, "b").await;
    first + second
}

async fn run(conn: &mut Connection, sql: &str) -> usize {
    conn.execute(sql).await
}
