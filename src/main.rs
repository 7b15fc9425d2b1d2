//! The page binary: mounts the Egress application on `<body>`.

fn main() {
    yew::Renderer::<egress::app::App>::new().render();
}
